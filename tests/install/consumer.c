/* A C99 program that knows dpa only through its installed package (dpa_c). */
#include <stdio.h>

#include <dpa/dpa.h>

int main(void) {
  printf("dpa_c %s\n", dpa_version_string());
  return dpa_version_number() > 0 ? 0 : 1;
}
