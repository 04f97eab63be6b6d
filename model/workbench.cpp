#include "workbench.h"
