#include "keymap.h"
typedef int keymap_unused;
