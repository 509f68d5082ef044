# The warning set for our own code (never for third-party code, which keeps its own flags).
STRICT_WARNINGS := -std=c11 -Wall -Wextra -Werror -pedantic \
  -Wconversion -Wsign-conversion -Wshadow -Wundef -Wstrict-prototypes -Wmissing-prototypes \
  -Wold-style-definition -Wcast-align -Wcast-qual -Wpointer-arith -Wwrite-strings \
  -Wmissing-declarations -Wredundant-decls -Wnested-externs -Wswitch-enum -Wswitch-default \
  -Wformat=2 -Wformat-truncation=2 -Wfloat-equal -Wvla -Wdouble-promotion -Wnull-dereference \
  -Wstack-usage=1024 -Wframe-larger-than=1024
# gcc-only warnings, dropped for clang (fuzz builds)
GCC_ONLY_WARNINGS := -Wformat-truncation=2 -Wstack-usage=1024
