#include "client/app/texts.h"

namespace carevoice::client {

std::string Texts::KeyFor(const Strings& strings, std::string_view key) const {
  if (!easy_read_) return std::string(key);
  std::string easy = "easy." + std::string(key);
  return strings.Has(easy) ? easy : std::string(key);
}

Text Texts::Get(std::string_view key) const {
  // Every label is looked up every frame: no Easy Read keys are built
  // unless Easy Read is on.
  if (!easy_read_) return Text{screen_.Get(key), speech_.Get(key), ""};
  Text text{screen_.Get(KeyFor(screen_, key)), speech_.Get(KeyFor(speech_, key)), ""};
  std::string picture = "picture." + std::string(key);
  if (screen_.Has(picture)) text.picture = screen_.Get(picture);
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
