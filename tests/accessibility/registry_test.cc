#include "accessibility/registry.h"

#include <gtest/gtest.h>

namespace carevoice::a11y {
namespace {

WidgetInfo Item(std::string id, Rect box, bool focusable = true) {
  WidgetInfo info;
  info.id = std::move(id);
  info.label = info.id;
  info.role = focusable ? Role::kButton : Role::kText;
  info.box = box;
  info.focusable = focusable;
  return info;
}

TEST(RegistryTest, FindsByIdAndForgetsOnNewFrame) {
  Registry registry;
  registry.Add(Item("send", {0, 0, 10, 10}));
  ASSERT_NE(registry.Find("send"), nullptr);
  EXPECT_EQ(registry.Find("send")->label, "send");
  EXPECT_EQ(registry.Find("back"), nullptr);
  registry.BeginFrame();
  EXPECT_EQ(registry.Find("send"), nullptr);
  EXPECT_TRUE(registry.items().empty());
}

TEST(RegistryTest, AnEntryReusedNextFrameKeepsNothingOfTheLast) {
  Registry registry;
  WidgetInfo& first = registry.Add();
  first.id = "phone";
  first.label = "Your phone number";
  first.state = "07700 900123";
  first.hint = "Type your number";
  first.role = Role::kTextField;
  first.box = {1, 2, 3, 4};
  first.clipped = first.focusable = first.decorative = first.personal = true;
  registry.BeginFrame();
  const WidgetInfo& next = registry.Add();
  EXPECT_EQ(next.id, "");
  EXPECT_EQ(next.label, "");
  EXPECT_EQ(next.state, "");
  EXPECT_EQ(next.hint, "");
  EXPECT_EQ(next.role, Role::kText);
  EXPECT_EQ(next.box.w, 0);
  EXPECT_FALSE(next.clipped || next.focusable || next.decorative || next.personal);
  EXPECT_EQ(registry.items().size(), 1u);
}

TEST(RegistryTest, FocusableSkipsTextAndDecorativeInOrder) {
  Registry registry;
  registry.Add(Item("title", {}, /*focusable=*/false));
  registry.Add(Item("b", {}));
  WidgetInfo picture = Item("picture", {});
  picture.role = Role::kImage;
  picture.decorative = true;  // even if wrongly marked focusable
  registry.Add(picture);
  registry.Add(Item("a", {}));
  std::vector<std::string> ids;
  for (const WidgetInfo* item : registry.Focusable()) ids.push_back(item->id);
  EXPECT_EQ(ids, (std::vector<std::string>{"b", "a"}));
}

TEST(RegistryTest, HitTestFindsFocusableItemUnderPoint) {
  Registry registry;
  registry.Add(Item("label", {0, 0, 100, 100}, /*focusable=*/false));
  registry.Add(Item("left", {0, 0, 50, 50}));
  registry.Add(Item("right", {50, 0, 50, 50}));
  ASSERT_NE(registry.HitTest(10, 10), nullptr);
  EXPECT_EQ(registry.HitTest(10, 10)->id, "left");
  EXPECT_EQ(registry.HitTest(50, 10)->id, "right");  // edges belong right/below
  EXPECT_EQ(registry.HitTest(10, 60), nullptr);      // only the text is there
  EXPECT_EQ(registry.HitTest(200, 10), nullptr);
}

TEST(RegistryTest, HitTestPrefersTheItemDrawnLast) {
  Registry registry;
  registry.Add(Item("under", {0, 0, 100, 100}));
  registry.Add(Item("over", {10, 10, 20, 20}));
  EXPECT_EQ(registry.HitTest(15, 15)->id, "over");
  EXPECT_EQ(registry.HitTest(5, 5)->id, "under");
}

}  // namespace
}  // namespace carevoice::a11y
