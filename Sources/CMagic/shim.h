#ifndef ALBUMEN_CMAGIC_SHIM_H
#define ALBUMEN_CMAGIC_SHIM_H
#include <magic.h>
#endif
