#ifndef KANBAO_KEYMAP_H
#define KANBAO_KEYMAP_H
#endif
