#include "tests/service/test_server.h"

#include "gtest/gtest.h"

namespace carevoice::service::testing {

TestServer::TestServer() {
  auto store = store::OpenSqliteStore(dir_.File("service.db"));
  if (!store.ok()) ADD_FAILURE() << store.status();
  store_ = std::move(store).value();
  auto catalog = catalog::CatalogFile::Open(CAREVOICE_SAMPLE_CATALOG, clock_);
  if (!catalog.ok()) ADD_FAILURE() << catalog.status();
  catalog_ = std::move(catalog).value();
  kiosk_service_ =
      std::make_unique<rpc::KioskSyncImpl>(*store_, *catalog_, clock_);
  officer_service_ = std::make_unique<rpc::OfficerImpl>(*store_, *catalog_, clock_);
  grpc::ServerBuilder builder;
  builder.RegisterService(kiosk_service_.get());
  builder.RegisterService(officer_service_.get());
  server_ = builder.BuildAndStart();
  auto channel = server_->InProcessChannel(grpc::ChannelArguments());
  kiosk_stub_ = v1::KioskSync::NewStub(channel);
  officer_stub_ = v1::Officer::NewStub(channel);
}

TestServer::~TestServer() { server_->Shutdown(); }

}  // namespace carevoice::service::testing
