#include "accessibility/focus.h"

#include <gtest/gtest.h>

#include <initializer_list>

namespace carevoice::a11y {
namespace {

// One frame's registry with a focusable button per id.
Registry Frame(std::initializer_list<const char*> ids) {
  Registry registry;
  WidgetInfo title;
  title.id = "title";
  title.role = Role::kHeading;
  registry.Add(title);
  for (const char* id : ids) {
    WidgetInfo item;
    item.id = id;
    item.role = Role::kButton;
    item.focusable = true;
    registry.Add(item);
  }
  return registry;
}

TEST(FocusModelTest, FirstSyncFocusesFirstItem) {
  FocusModel focus;
  focus.Sync(Frame({"a", "b", "c"}));
  EXPECT_EQ(focus.focused_id(), "a");
  EXPECT_EQ(focus.position(), 1);
  EXPECT_EQ(focus.count(), 3);
}

TEST(FocusModelTest, NothingFocusable) {
  FocusModel focus;
  focus.Sync(Frame({}));
  EXPECT_EQ(focus.focused_id(), "");
  EXPECT_EQ(focus.position(), 0);
  EXPECT_EQ(focus.count(), 0);
  EXPECT_FALSE(focus.Next());
  EXPECT_FALSE(focus.Previous());
}

TEST(FocusModelTest, NextAndPreviousWrapRound) {
  FocusModel focus;
  focus.Sync(Frame({"a", "b", "c"}));
  EXPECT_TRUE(focus.Previous());
  EXPECT_EQ(focus.focused_id(), "c");
  EXPECT_EQ(focus.position(), 3);
  EXPECT_TRUE(focus.Next());
  EXPECT_EQ(focus.focused_id(), "a");
  EXPECT_TRUE(focus.Next());
  EXPECT_TRUE(focus.Next());
  EXPECT_EQ(focus.focused_id(), "c");
  EXPECT_TRUE(focus.Next());
  EXPECT_EQ(focus.focused_id(), "a");
}

TEST(FocusModelTest, KeepsFocusAcrossFramesEvenWhenOrderChanges) {
  FocusModel focus;
  focus.Sync(Frame({"a", "b", "c"}));
  focus.Next();
  focus.Sync(Frame({"a", "b", "c"}));
  EXPECT_EQ(focus.focused_id(), "b");
  focus.Sync(Frame({"new", "a", "b", "c"}));
  EXPECT_EQ(focus.focused_id(), "b");
  EXPECT_EQ(focus.position(), 3);
  EXPECT_EQ(focus.count(), 4);
}

TEST(FocusModelTest, VanishedItemMovesToSamePlace) {
  FocusModel focus;
  focus.Sync(Frame({"a", "b", "c", "d"}));
  focus.Focus("c");
  focus.Sync(Frame({"a", "b", "d"}));
  EXPECT_EQ(focus.focused_id(), "d");  // index 2 of the new order
  focus.Sync(Frame({"a"}));
  EXPECT_EQ(focus.focused_id(), "a");  // clamped to the last item
}

TEST(FocusModelTest, ResetForScreenFocusesInitialOrFirst) {
  FocusModel focus;
  focus.Sync(Frame({"a", "b", "c"}));
  focus.Next();
  focus.ResetForScreen("y");
  focus.Sync(Frame({"x", "y", "z"}));
  EXPECT_EQ(focus.focused_id(), "y");

  focus.ResetForScreen();
  focus.Sync(Frame({"x", "y", "z"}));
  EXPECT_EQ(focus.focused_id(), "x");  // even though "y" is still there

  focus.ResetForScreen("missing");
  focus.Sync(Frame({"p", "q"}));
  EXPECT_EQ(focus.focused_id(), "p");
}

TEST(FocusModelTest, ResetWaitsForAFrameWithSomethingFocusable) {
  FocusModel focus;
  focus.ResetForScreen("q");
  focus.Sync(Frame({}));
  focus.Sync(Frame({"p", "q"}));
  EXPECT_EQ(focus.focused_id(), "q");
}

TEST(FocusModelTest, FocusByIdOnlyWhenFocusable) {
  FocusModel focus;
  focus.Sync(Frame({"a", "b"}));
  EXPECT_TRUE(focus.Focus("b"));
  EXPECT_EQ(focus.focused_id(), "b");
  EXPECT_FALSE(focus.Focus("title"));
  EXPECT_FALSE(focus.Focus("nope"));
  EXPECT_EQ(focus.focused_id(), "b");
}

TEST(FocusModelTest, SerialCountsOnlyChanges) {
  FocusModel focus;
  const auto start = focus.serial();
  focus.Sync(Frame({"a", "b"}));
  EXPECT_EQ(focus.serial(), start + 1);
  focus.Sync(Frame({"a", "b"}));
  focus.Sync(Frame({"z", "a", "b"}));
  focus.Focus("a");
  EXPECT_EQ(focus.serial(), start + 1);
  focus.Next();
  EXPECT_EQ(focus.serial(), start + 2);
  focus.Sync(Frame({"a"}));  // "b" vanished
  EXPECT_EQ(focus.serial(), start + 3);
  focus.Next();  // one item: wraps onto itself, no change
  EXPECT_EQ(focus.serial(), start + 3);
}

}  // namespace
}  // namespace carevoice::a11y
