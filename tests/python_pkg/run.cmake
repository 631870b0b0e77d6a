# Installs the Python package into a scratch prefix and runs its tests with
# Debian's python3 against that install (not the build tree); then executes
# the vendor-review notebook headless with the same install.
file(REMOVE_RECURSE ${WORK_DIR})
execute_process(COMMAND ${CMAKE_COMMAND} --install ${BUILD_DIR} --component python --prefix ${WORK_DIR}
  RESULT_VARIABLE rc OUTPUT_QUIET)
if(rc)
  message(FATAL_ERROR "installing the python component failed")
endif()
file(GLOB site LIST_DIRECTORIES true ${WORK_DIR}/lib/python3*/dist-packages)
set(ENV{PYTHONPATH} ${site})
set(ENV{DPA_SOURCE_DIR} ${SOURCE_DIR})
set(ENV{PYDEVD_DISABLE_FILE_VALIDATION} 1)
execute_process(COMMAND ${PYTHON} -m pytest -q -p no:cacheprovider ${SOURCE_DIR}/tests/python_pkg RESULT_VARIABLE rc)
if(rc)
  message(FATAL_ERROR "python package tests failed")
endif()
if(NOTEBOOK)
  execute_process(COMMAND ${PYTHON} ${SOURCE_DIR}/tools/run_notebook.py ${NOTEBOOK} RESULT_VARIABLE rc
    WORKING_DIRECTORY ${SOURCE_DIR})
  if(rc)
    message(FATAL_ERROR "the notebook failed")
  endif()
endif()
