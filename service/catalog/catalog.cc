#include "service/catalog/catalog.h"

#include <google/protobuf/util/json_util.h>
#include <sys/stat.h>

#include <fstream>
#include <sstream>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "base/canonical.h"
#include "contract/validation.h"
#include "service/log.h"

namespace carevoice::service::catalog {
namespace {

constexpr absl::Duration kCheckInterval = absl::Seconds(1);

std::uint64_t Fnv1a64(std::string_view bytes) {
  std::uint64_t hash = 0xcbf29ce484222325ull;
  for (unsigned char c : bytes) {
    hash ^= c;
    hash *= 0x100000001b3ull;
  }
  return hash;
}

}  // namespace

std::string CatalogVersion(const v1::Catalog& catalog) {
  v1::Catalog content = catalog;
  content.clear_version();
  // Canonical bytes put map entries (LocalizedText) in key order, so equal
  // content hashes equally whatever order the file listed them in.
  return absl::StrFormat("%016x", Fnv1a64(base::CanonicalBytes(content)));
}

absl::StatusOr<v1::Catalog> LoadCatalogFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return absl::NotFoundError(absl::StrCat("cannot read ", path));
  std::stringstream text;
  text << in.rdbuf();
  if (in.bad()) return absl::DataLossError(absl::StrCat("cannot read ", path));

  v1::Catalog catalog;
  google::protobuf::util::JsonParseOptions options;
  options.ignore_unknown_fields = false;  // a misspelt key is a mistake
  auto parsed =
      google::protobuf::util::JsonStringToMessage(text.str(), &catalog, options);
  if (!parsed.ok()) {
    // The parser's message quotes the file; say where, not what.
    return absl::InvalidArgumentError(
        absl::StrCat(path, " is not a JSON carevoice.v1.Catalog"));
  }
  catalog.clear_version();  // set from the content, never from the file
  if (auto error = contract::ValidateCatalog(catalog)) {
    return absl::InvalidArgumentError(absl::StrCat(
        path, ": ", error->field, ": ", error->message_key));
  }
  catalog.set_version(CatalogVersion(catalog));
  return catalog;
}

CatalogFile::CatalogFile(std::string path, const base::Clock& clock,
                         std::shared_ptr<const v1::Catalog> catalog,
                         FileStamp stamp)
    : path_(std::move(path)),
      clock_(clock),
      current_(std::move(catalog)),
      seen_(stamp),
      last_check_(clock.Now()) {}

absl::StatusOr<std::unique_ptr<CatalogFile>> CatalogFile::Open(
    const std::string& path, const base::Clock& clock) {
  if (path.empty()) {
    auto empty = std::make_shared<v1::Catalog>();
    empty->set_version(CatalogVersion(*empty));
    return std::unique_ptr<CatalogFile>(
        new CatalogFile(path, clock, std::move(empty), FileStamp{}));
  }
  // Stat before reading: if the file changes in between, the next check
  // sees a new stamp and loads it again rather than missing the change.
  FileStamp stamp = Stat(path);
  auto catalog = LoadCatalogFile(path);
  if (!catalog.ok()) return catalog.status();
  return std::unique_ptr<CatalogFile>(new CatalogFile(
      path, clock, std::make_shared<const v1::Catalog>(std::move(*catalog)),
      stamp));
}

CatalogFile::FileStamp CatalogFile::Stat(const std::string& path) {
  struct stat st;
  if (::stat(path.c_str(), &st) != 0) return FileStamp{};
  return FileStamp{static_cast<std::int64_t>(st.st_size),
                   static_cast<std::int64_t>(st.st_mtim.tv_sec) * 1'000'000'000 +
                       st.st_mtim.tv_nsec};
}

std::shared_ptr<const v1::Catalog> CatalogFile::Get() {
  std::lock_guard lock(mu_);
  if (path_.empty()) return current_;
  const absl::Time now = clock_.Now();
  if (now - last_check_ < kCheckInterval) return current_;
  last_check_ = now;

  FileStamp stamp = Stat(path_);
  if (stamp == seen_) return current_;
  seen_ = stamp;  // warn once per change, not once a second
  auto catalog = LoadCatalogFile(path_);
  if (!catalog.ok()) {
    LogWarning(absl::StrCat("catalog not reloaded, still serving version ",
                            current_->version(), ": ",
                            catalog.status().message()));
    return current_;
  }
  if (catalog->version() != current_->version()) {
    LogInfo(absl::StrCat("catalog reloaded: version ", catalog->version()));
    current_ = std::make_shared<const v1::Catalog>(std::move(*catalog));
  }
  return current_;
}

}  // namespace carevoice::service::catalog
