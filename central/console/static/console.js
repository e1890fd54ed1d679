// The console's little script: the session's CSRF token on every htmx request, a
// confirmation before a form marked data-confirm is sent, and "back" links.
(function () {
  "use strict";
  document.addEventListener("htmx:configRequest", function (event) {
    event.detail.headers["X-CSRF-Token"] = document.body.getAttribute("data-csrf") || "";
  });
  document.addEventListener("submit", function (event) {
    var form = event.target;
    // The button that sent it may ask its own question (a form with several actions).
    var button = event.submitter;
    var question = (button && button.getAttribute("data-confirm")) ||
      (form.getAttribute && form.getAttribute("data-confirm"));
    if (question && !window.confirm(question)) {
      event.preventDefault();
    }
  }, true);
  document.addEventListener("click", function (event) {
    var link = event.target.closest && event.target.closest("[data-back]");
    if (link && window.history.length > 1) {
      event.preventDefault();
      window.history.back();
    }
  });
})();
