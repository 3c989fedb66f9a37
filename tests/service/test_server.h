// A real SQLite store, the sample catalog and both gRPC services behind an
// in-process channel, for tests where ports are not the point, with an
// account of each role to call the Officer service as. Test
// threads only; stubs may be used from several threads.
#pragma once

#include <grpcpp/grpcpp.h>

#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "base/clock.h"
#include "carevoice/v1/carevoice.grpc.pb.h"
#include "service/auth/accounts.h"
#include "service/catalog/catalog.h"
#include "service/rpc/services.h"
#include "service/store/store.h"
#include "tests/service/testing.h"

namespace carevoice::service::testing {

// Keeps the urgent alerts it is told of.
class RecordingNotifier final : public alerts::Notifier {
 public:
  void Arrived(const alerts::Urgent& urgent) override {
    std::lock_guard lock(mu_);
    alerts_.push_back(urgent);
  }
  std::vector<alerts::Urgent> alerts() {
    std::lock_guard lock(mu_);
    return alerts_;
  }

 private:
  std::mutex mu_;
  std::vector<alerts::Urgent> alerts_;
};

class TestServer {
 public:
  explicit TestServer(auth::LimitPolicy limits = {});
  ~TestServer();

  base::FakeClock& clock() { return clock_; }
  store::Store& store() { return *store_; }
  // The SQLite file behind store().
  std::string db_path() const { return dir_.File("service.db"); }
  auth::Accounts& accounts() { return *accounts_; }
  v1::KioskSync::Stub& kiosk() { return *kiosk_stub_; }
  v1::Officer::Stub& officer() { return *officer_stub_; }
  // The in-process channel the stubs use (for raw calls).
  std::shared_ptr<grpc::Channel> channel() { return channel_; }

  // The session token of the test account with `role` ("admin.test",
  // "officer.test", "clerk.test"), made and signed in on first use.
  std::string TokenFor(auth::Role role);
  // Sets `context` to carry that token.
  void SignedInAs(auth::Role role, grpc::ClientContext* context);

  auth::Devices& devices() { return *devices_; }
  catalog::Catalogs& catalog() { return *catalog_; }
  auth::Limits& limits() { return *limits_; }
  const auth::PinKey& pins() const { return pins_; }
  auth::SealingKeys& sealing() { return *sealing_; }
  // The shipped retention schedule, applied on clock().
  retention::Retention& retention() { return *retention_; }
  // Cases on the shipped calendar, days counted in Europe/London.
  cases::Cases& cases() { return *cases_; }
  // The urgent alerts both services raised.
  std::vector<alerts::Urgent> alerts() { return notifier_.alerts(); }
  // The credential of device `device_id`, enrolled at site "test" on
  // first use.
  std::string CredentialOf(const std::string& device_id);
  // Sets `context` to carry that credential.
  void AsDevice(const std::string& device_id, grpc::ClientContext* context);
  // Sends `items` as kiosk-test-1 (its clock reading `device_time`, when
  // given) and fails the test unless every one is stored.
  void SendStored(const std::vector<v1::Submission>& items,
                  std::optional<absl::Time> device_time = std::nullopt);

 private:
  TempDir dir_;
  base::FakeClock clock_;
  std::unique_ptr<store::Store> store_;
  std::unique_ptr<catalog::Catalogs> catalog_;
  std::unique_ptr<auth::Accounts> accounts_;
  std::unique_ptr<auth::Devices> devices_;
  std::unique_ptr<auth::Limits> limits_;
  const auth::PinKey pins_ = auth::PinKey::Random();
  std::unique_ptr<auth::SealingKeys> sealing_;
  retention::Schedule schedule_;
  std::unique_ptr<retention::Retention> retention_;
  std::unique_ptr<redact::Redactor> redactor_;
  RecordingNotifier notifier_;
  std::unique_ptr<cases::Cases> cases_;
  std::map<std::string, std::string> credentials_;
  std::map<auth::Role, std::string> tokens_;
  std::unique_ptr<rpc::KioskSyncImpl> kiosk_service_;
  std::unique_ptr<rpc::OfficerImpl> officer_service_;
  std::unique_ptr<grpc::Server> server_;
  std::shared_ptr<grpc::Channel> channel_;
  std::unique_ptr<v1::KioskSync::Stub> kiosk_stub_;
  std::unique_ptr<v1::Officer::Stub> officer_stub_;
};

}  // namespace carevoice::service::testing
