// zlib, for the CRC-32 every ZIP entry carries (ZipStream).
#include <zlib.h>
