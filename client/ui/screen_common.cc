#include "client/ui/screens.h"

namespace carevoice::client::ui {

std::string ServiceName(const ScreenContext& ctx, const std::string& service_id) {
  if (ctx.catalog != nullptr) {
    for (const v1::Service& service : ctx.catalog->services()) {
      if (service.id() != service_id) continue;
      const auto& names = service.name().text();
      auto it = names.find(ctx.strings.language());
      if (it == names.end()) it = names.find("en-GB");
      if (it != names.end()) return it->second;
    }
  }
  if (service_id == "something_else") return ctx.strings.Get("service.something_else");
  return service_id;
}

std::string SpellOut(std::string_view reference) {
  std::string out;
  for (char c : reference) {
    if (c == '-' || c == ' ') continue;
    if (!out.empty()) out += ", ";
    out += c;
  }
  return out;
}

}  // namespace carevoice::client::ui
