// A Speaker for tests: records every utterance, plays nothing. Thread-safe.
#pragma once

#include <mutex>
#include <vector>

#include "accessibility/speaker.h"

namespace carevoice::a11y {

class FakeSpeaker final : public Speaker {
 public:
  void Say(const Utterance& u) override {
    std::lock_guard lock(mu_);
    spoken_.push_back(u);
    interrupted_.push_back(true);
  }
  void Queue(const Utterance& u) override {
    std::lock_guard lock(mu_);
    spoken_.push_back(u);
    interrupted_.push_back(false);
  }
  void Stop() override {
    std::lock_guard lock(mu_);
    ++stops_;
  }
  bool IsSpeaking() const override { return false; }
  void SetVolume(float v) override {
    std::lock_guard lock(mu_);
    volume_ = v;
  }
  void SetRate(int wpm) override {
    std::lock_guard lock(mu_);
    rate_ = wpm;
  }

  std::vector<Utterance> spoken() const {
    std::lock_guard lock(mu_);
    return spoken_;
  }
  // Parallel to spoken(): true where the utterance came through Say
  // (interrupting), false where it was queued.
  std::vector<bool> interrupted() const {
    std::lock_guard lock(mu_);
    return interrupted_;
  }
  void Clear() {
    std::lock_guard lock(mu_);
    spoken_.clear();
    interrupted_.clear();
  }
  int stops() const {
    std::lock_guard lock(mu_);
    return stops_;
  }
  float volume() const {
    std::lock_guard lock(mu_);
    return volume_;
  }
  int rate() const {
    std::lock_guard lock(mu_);
    return rate_;
  }

 private:
  mutable std::mutex mu_;
  std::vector<Utterance> spoken_;
  std::vector<bool> interrupted_;
  int stops_ = 0;
  float volume_ = 1.0f;
  int rate_ = 175;
};

}  // namespace carevoice::a11y
