#include "base/html.h"

#include <gtest/gtest.h>

namespace carevoice::base {
namespace {

TEST(HtmlEscape, MarkupAndQuotesBecomeReferencesAndOtherTextStays) {
  EXPECT_EQ(HtmlEscape("<script>alert('x')</script>"),
            "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;");
  EXPECT_EQ(HtmlEscape("\" onload=\"x"), "&quot; onload=&quot;x");
  // An existing reference is escaped again: we escape text, not HTML.
  EXPECT_EQ(HtmlEscape("Tom &amp; Jerry"), "Tom &amp;amp; Jerry");
  EXPECT_EQ(HtmlEscape("Gofal cymdeithasol — ਪੰਜਾਬੀ"), "Gofal cymdeithasol — ਪੰਜਾਬੀ");
  EXPECT_EQ(HtmlEscape(""), "");
}

}  // namespace
}  // namespace carevoice::base
