// Compatibility name for the UTF-8 checks, which live in base/utf8.h. Kept
// only for client/ui/text_buffer.cc, which is being rewritten; new code
// includes "base/utf8.h" and says base::IsValidUtf8. Pure: any thread.
#pragma once

#include "base/utf8.h"

namespace carevoice::contract {

using base::CodePointCount;
using base::IsValidUtf8;

}  // namespace carevoice::contract
