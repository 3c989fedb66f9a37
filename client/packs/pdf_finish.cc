#include "client/packs/pdf_finish.h"

#include <qpdf/Buffer.hh>
#include <qpdf/Pl_Buffer.hh>
#include <qpdf/QPDF.hh>
#include <qpdf/QPDFObjectHandle.hh>
#include <qpdf/QPDFPageDocumentHelper.hh>
#include <qpdf/QPDFPageObjectHelper.hh>
#include <qpdf/QPDFTokenizer.hh>
#include <qpdf/QPDFWriter.hh>

#include <exception>
#include <set>

#include "absl/strings/str_cat.h"

namespace carevoice::client::packs {
namespace {

class StructureWalk {
 public:
  explicit StructureWalk(const std::vector<std::string>& figures) : figures_(figures) {}

  // Depth first, in /K order: the reading order cairo wrote.
  void Visit(QPDFObjectHandle element, const std::string& parent) {
    if (!element.isDictionary() || !element.hasKey("/S")) return;
    // A shared object is visited once, so nothing is counted twice.
    if (element.isIndirect() && !seen_.insert(element.getObjGen()).second) return;
    QPDFObjectHandle type = element.getKey("/S");
    const std::string name = type.isName() ? type.getName() : "";
    if (name == "/Figure") {
      if (figure_ < figures_.size()) {
        element.replaceKey("/Alt", QPDFObjectHandle::newUnicodeString(figures_[figure_]));
      }
      ++figure_;
    } else if (name == "/TH") {
      QPDFObjectHandle attributes = QPDFObjectHandle::newDictionary();
      attributes.replaceKey("/O", QPDFObjectHandle::newName("/Table"));
      attributes.replaceKey("/Scope",
                            QPDFObjectHandle::newName(parent == "/THead" ? "/Column" : "/Row"));
      element.replaceKey("/A", attributes);
    }
    // A row's cells look past the TR to the part of the table it is in.
    const std::string context = name == "/TR" ? parent : name;
    QPDFObjectHandle kids = element.getKey("/K");
    if (kids.isArray()) {
      for (int i = 0; i < kids.getArrayNItems(); ++i) Visit(kids.getArrayItem(i), context);
    } else {
      Visit(kids, context);
    }
  }

  std::size_t figures_found() const { return figure_; }

 private:
  const std::vector<std::string>& figures_;
  std::size_t figure_ = 0;
  std::set<QPDFObjGen> seen_;
};

// Marks each text object drawn outside any tag (the page numbers at the
// foot) as an artifact, so a screen reader passes over it: cairo 1.16 can
// tag content but not mark it as an artifact. Text inside a tag's marked
// content is left as it is.
class MarkUntaggedTextAsArtifact : public QPDFObjectHandle::TokenFilter {
 public:
  void handleToken(QPDFTokenizer::Token const& token) override {
    const bool op = token.getType() == QPDFTokenizer::tt_word;
    const std::string& value = token.getValue();
    if (op && (value == "BDC" || value == "BMC")) ++depth_;
    if (op && value == "EMC" && depth_ > 0) --depth_;
    if (op && value == "BT" && depth_ == 0) {
      write("/Artifact BMC\n");
      artifact_ = true;
    }
    writeToken(token);
    if (op && value == "ET" && artifact_) {
      write("\nEMC");
      artifact_ = false;
    }
  }

 private:
  int depth_ = 0;
  bool artifact_ = false;
};

}  // namespace

absl::StatusOr<std::string> FinishTaggedPdf(const std::string& pdf, const PdfFinish& finish) {
  try {
    QPDF document;
    document.setSuppressWarnings(true);
    document.processMemoryFile("pack.pdf", pdf.data(), pdf.size());
    QPDFObjectHandle root = document.getRoot();
    QPDFObjectHandle tree = root.getKey("/StructTreeRoot");
    if (!tree.isDictionary()) {
      return absl::InvalidArgumentError("the PDF has no structure tree to finish");
    }
    root.replaceKey("/Lang", QPDFObjectHandle::newUnicodeString(finish.language));
    QPDFObjectHandle preferences = root.getKey("/ViewerPreferences");
    if (!preferences.isDictionary()) {
      preferences = QPDFObjectHandle::newDictionary();
      root.replaceKey("/ViewerPreferences", preferences);
    }
    preferences.replaceKey("/DisplayDocTitle", QPDFObjectHandle::newBool(true));

    StructureWalk walk(finish.figures);
    QPDFObjectHandle kids = tree.getKey("/K");
    if (kids.isArray()) {
      for (int i = 0; i < kids.getArrayNItems(); ++i) walk.Visit(kids.getArrayItem(i), "");
    } else {
      walk.Visit(kids, "");
    }
    if (walk.figures_found() != finish.figures.size()) {
      return absl::InvalidArgumentError(
          absl::StrCat("the PDF has ", walk.figures_found(), " figures but ",
                       finish.figures.size(), " alternative texts were given"));
    }

    for (QPDFPageObjectHelper& page : QPDFPageDocumentHelper(document).getAllPages()) {
      MarkUntaggedTextAsArtifact filter;
      Pl_Buffer marked("marked page");
      page.filterContents(&filter, &marked);
      std::shared_ptr<Buffer> contents = marked.getBufferSharedPointer();
      page.getObjectHandle().replaceKey(
          "/Contents",
          QPDFObjectHandle::newStream(
              &document, std::string(reinterpret_cast<const char*>(contents->getBuffer()),
                                     contents->getSize())));
    }

    QPDFWriter writer(document);
    writer.setOutputMemory();
    writer.setDeterministicID(true);  // the same pack gives the same bytes
    writer.write();
    std::shared_ptr<Buffer> bytes = writer.getBufferSharedPointer();
    return std::string(reinterpret_cast<const char*>(bytes->getBuffer()), bytes->getSize());
  } catch (const std::exception& e) {
    return absl::InvalidArgumentError(absl::StrCat("the PDF could not be finished: ", e.what()));
  }
}

}  // namespace carevoice::client::packs
