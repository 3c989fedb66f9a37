// HTML as every page we write needs it: text that stays text. Pure: any
// thread.
#pragma once

#include <string>
#include <string_view>

namespace carevoice::base {

// `text` with & < > " ' as character references, so it reads as written in
// an element or a quoted attribute and nothing in it can become markup.
std::string HtmlEscape(std::string_view text);

}  // namespace carevoice::base
