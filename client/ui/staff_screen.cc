#include <string>

#include "client/ui/screens.h"

namespace carevoice::client::ui {

Intent DrawStaffScreen(const ScreenContext& ctx, Ui& ui, const StaffView& staff) {
  const Texts& t = ctx.texts;
  ui.Title(t.Get("staff.title"), t.Get("staff.instruction"));
  // The one thing staff must act on comes first, as an error.
  if (staff.needs_enrolment) {
    // The service answered, with a refusal: "cannot be reached" would
    // send staff after the network.
    ui.ErrorText("staff.enrolment", t.Get("staff.needs_enrolment"));
  } else {
    ui.Paragraph("staff.enrolment", t.Get("staff.enrolled"));
    ui.Paragraph("staff.service", t.Get(staff.online ? "staff.online" : "staff.offline"));
  }
  const std::string pending = std::to_string(staff.pending);
  ui.Paragraph("staff.waiting", t.Format("staff.waiting", {pending}, {pending}));
  ui.Paragraph("staff.device", t.Format("staff.device", {staff.device_id}, {staff.device_id}));
  if (ui.Button("staff.close", t.Get("staff.close"))) return {Intent::Kind::kCloseOverlay};
  return {};
}

}  // namespace carevoice::client::ui
