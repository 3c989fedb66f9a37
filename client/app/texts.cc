#include "client/app/texts.h"

namespace carevoice::client {

std::string Texts::KeyFor(const Strings& strings, std::string_view key) const {
  std::string easy = "easy." + std::string(key);
  return easy_read_ && strings.Has(easy) ? easy : std::string(key);
}

Text Texts::Get(std::string_view key) const {
  Text text{screen_.Get(KeyFor(screen_, key)), speech_.Get(KeyFor(speech_, key)), ""};
  std::string picture = "picture." + std::string(key);
  if (easy_read_ && screen_.Has(picture)) text.picture = screen_.Get(picture);
  return text;
}

Text Texts::Format(std::string_view key, std::initializer_list<std::string_view> shown_args,
                   std::initializer_list<std::string_view> spoken_args) const {
  Text text = Get(key);
  text.shown = FormatTemplate(text.shown, shown_args);
  text.spoken = FormatTemplate(text.spoken, spoken_args);
  return text;
}

}  // namespace carevoice::client
