#include "service/catalog/catalog.h"

#include <google/protobuf/util/json_util.h>

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

absl::StatusOr<v1::Catalog> ParseCatalogJson(const std::string& json,
                                             const std::string& source) {
  v1::Catalog catalog;
  google::protobuf::util::JsonParseOptions options;
  options.ignore_unknown_fields = false;  // a misspelt key is a mistake
  auto parsed = google::protobuf::util::JsonStringToMessage(json, &catalog, options);
  if (!parsed.ok()) {
    // The parser's message quotes the text; say where, not what.
    return absl::InvalidArgumentError(
        absl::StrCat(source, " is not a JSON carevoice.v1.Catalog"));
  }
  catalog.clear_version();  // set from the content, never from the file
  if (auto error = contract::ValidateCatalog(catalog)) {
    return absl::InvalidArgumentError(
        absl::StrCat(source, ": ", error->field, ": ", error->message_key));
  }
  catalog.set_version(CatalogVersion(catalog));
  return catalog;
}

absl::StatusOr<v1::Catalog> LoadCatalogFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return absl::NotFoundError(absl::StrCat("cannot read ", path));
  std::stringstream text;
  text << in.rdbuf();
  if (in.bad()) return absl::DataLossError(absl::StrCat("cannot read ", path));
  return ParseCatalogJson(text.str(), path);
}

absl::StatusOr<std::unique_ptr<Catalogs>> Catalogs::Open(store::Store& store,
                                                         const base::Clock& clock,
                                                         const std::string& seed_path) {
  std::unique_ptr<Catalogs> catalogs(new Catalogs(store, clock));
  absl::StatusOr<std::int64_t> serial = store.LatestCatalogSerial();
  if (!serial.ok()) return serial.status();
  if (*serial == 0 && !seed_path.empty()) {
    absl::StatusOr<v1::Catalog> seed = LoadCatalogFile(seed_path);
    if (!seed.ok()) return seed.status();
    absl::StatusOr<std::int64_t> stored = store.PublishCatalog(
        base::CanonicalBytes(*seed),
        {clock.Now(), "(--catalog)", absl::StrCat("catalog_seed:", seed->version()), 1});
    if (!stored.ok()) return stored.status();
    LogInfo(absl::StrCat("catalog seeded from --catalog: version ", seed->version()));
  } else if (*serial > 0 && !seed_path.empty()) {
    LogInfo("the store has a catalog: --catalog only seeds an empty store, so it is not read");
  }
  std::lock_guard lock(catalogs->mu_);
  auto empty = std::make_shared<v1::Catalog>();
  empty->set_version(CatalogVersion(*empty));
  catalogs->current_ = std::move(empty);
  if (auto s = catalogs->RefreshLocked(); !s.ok()) return s;
  catalogs->last_check_ = clock.Now();
  return catalogs;
}

absl::Status Catalogs::RefreshLocked() {
  absl::StatusOr<std::int64_t> serial = store_.LatestCatalogSerial();
  if (!serial.ok()) return serial.status();
  if (*serial == serial_) return absl::OkStatus();
  absl::StatusOr<std::optional<store::StoredCatalog>> newest = store_.LatestCatalog();
  if (!newest.ok()) return newest.status();
  if (!newest->has_value()) return absl::OkStatus();
  auto catalog = std::make_shared<v1::Catalog>();
  if (!catalog->ParseFromString((*newest)->bytes)) {
    return absl::DataLossError(
        absl::StrCat("stored catalog ", (*newest)->serial, " cannot be parsed"));
  }
  serial_ = (*newest)->serial;
  if (catalog->version() != current_->version()) {
    LogInfo(absl::StrCat("serving catalog version ", catalog->version()));
  }
  current_ = std::move(catalog);
  return absl::OkStatus();
}

std::shared_ptr<const v1::Catalog> Catalogs::Get() {
  std::lock_guard lock(mu_);
  const absl::Time now = clock_.Now();
  if (now - last_check_ < kCheckInterval) return current_;
  last_check_ = now;
  if (absl::Status s = RefreshLocked(); !s.ok()) {
    LogWarning(absl::StrCat("catalog not refreshed, still serving version ",
                            current_->version(), ": ", s.message()));
  }
  return current_;
}

absl::StatusOr<std::string> Catalogs::Publish(const std::string& by, const std::string& json) {
  absl::StatusOr<v1::Catalog> catalog = ParseCatalogJson(json, "the catalog");
  if (!catalog.ok()) return catalog.status();
  std::lock_guard lock(mu_);
  if (absl::Status s = RefreshLocked(); !s.ok()) return s;
  if (catalog->version() == current_->version()) return catalog->version();
  absl::StatusOr<std::int64_t> stored = store_.PublishCatalog(
      base::CanonicalBytes(*catalog),
      {clock_.Now(), by, absl::StrCat("catalog_publish:", catalog->version()), 1});
  if (!stored.ok()) return stored.status();
  if (absl::Status s = RefreshLocked(); !s.ok()) return s;
  return catalog->version();
}

}  // namespace carevoice::service::catalog
