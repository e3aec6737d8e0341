#pragma once
// A front end's registration for notifications. Dropping the Subscription (a window
// closing) stops delivery at once — including notifications already posted to the UI thread
// but not yet run: those find the subscriber gone and are dropped, never dereferenced.

#include <atomic>
#include <functional>
#include <memory>

#include "client/engine/notifications.hpp"

namespace onewindow::engine {

namespace detail {
struct Subscriber {
  explicit Subscriber(std::function<void(const Notification&)> cb) : callback(std::move(cb)) {}
  std::function<void(const Notification&)> callback;
  std::atomic<bool> active{true};
};
}  // namespace detail

class Subscription {
 public:
  Subscription() = default;
  explicit Subscription(std::shared_ptr<detail::Subscriber> subscriber)
      : subscriber_(std::move(subscriber)) {}
  ~Subscription() { reset(); }
  Subscription(Subscription&&) noexcept = default;
  Subscription& operator=(Subscription&& other) noexcept {
    if (this != &other) {
      reset();
      subscriber_ = std::move(other.subscriber_);
    }
    return *this;
  }
  Subscription(const Subscription&) = delete;
  Subscription& operator=(const Subscription&) = delete;

  void reset() {
    if (subscriber_) subscriber_->active = false;
    subscriber_.reset();
  }
  [[nodiscard]] bool active() const { return subscriber_ != nullptr; }

 private:
  std::shared_ptr<detail::Subscriber> subscriber_;
};

}  // namespace onewindow::engine
