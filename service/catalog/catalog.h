// The catalog the service serves to kiosks (services, providers, sites,
// questions, notices, help numbers), loaded from a JSON file and reloaded
// when the file changes. Its version is a hash of its content, so it
// changes exactly when the content does.
//
// CatalogFile is safe to call from any thread.
#pragma once

#include <cstdint>
#include <memory>
#include <mutex>
#include <string>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "base/clock.h"
#include "carevoice/v1/catalog.pb.h"

namespace carevoice::service::catalog {

// Hex FNV-1a 64 of the deterministic serialization of `catalog` with its
// version field cleared: 16 lower-case hex digits.
std::string CatalogVersion(const v1::Catalog& catalog);

// Reads the JSON mapping of v1.Catalog at `path` (unknown fields refused),
// checks it with contract::ValidateCatalog and sets its version. Error
// messages name the file and the bad field, never the file's text.
absl::StatusOr<v1::Catalog> LoadCatalogFile(const std::string& path);

class CatalogFile {
 public:
  // Loads `path`; fails when the first load fails. `clock` paces the
  // change checks and must outlive this object. An empty `path` serves an
  // empty catalog (a service started without --catalog).
  static absl::StatusOr<std::unique_ptr<CatalogFile>> Open(
      const std::string& path, const base::Clock& clock);

  // The current catalog. At most once a second (by `clock`) looks at the
  // file's size and modification time and reloads when they changed; a
  // new file that does not load or validate is logged (without content)
  // and the last good catalog is kept.
  std::shared_ptr<const v1::Catalog> Get();

 private:
  struct FileStamp {
    std::int64_t size = -1;
    std::int64_t mtime_ns = -1;
    bool operator==(const FileStamp&) const = default;
  };
  CatalogFile(std::string path, const base::Clock& clock,
              std::shared_ptr<const v1::Catalog> catalog, FileStamp stamp);
  static FileStamp Stat(const std::string& path);

  const std::string path_;
  const base::Clock& clock_;
  std::mutex mu_;
  std::shared_ptr<const v1::Catalog> current_;  // guarded by mu_
  FileStamp seen_;                              // guarded by mu_
  absl::Time last_check_;                       // guarded by mu_
};

}  // namespace carevoice::service::catalog
