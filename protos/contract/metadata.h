// gRPC metadata the service sends beside its answers, named once for both
// sides.
#pragma once

namespace carevoice::contract {

// Initial metadata of ExportSubmissions, ahead of the first record: how
// many records the export will send (decimal), for a progress bar.
inline constexpr char kExportTotalMetadata[] = "carevoice-export-total";

}  // namespace carevoice::contract
