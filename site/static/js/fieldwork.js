// Progressive enhancements only: every page works without this file.
(function () {
  "use strict";
  // A rate limit answers 429 with a fragment that says when to try again: show it in place.
  if (window.htmx) htmx.config.responseHandling.unshift({ code: "429", swap: true });
  // "Copy link" buttons: shown only where the clipboard API exists.
  document.querySelectorAll("[data-copy-target]").forEach(function (button) {
    if (!navigator.clipboard) return;
    button.hidden = false;
    button.addEventListener("click", function () {
      var input = document.getElementById(button.dataset.copyTarget);
      navigator.clipboard.writeText(input.value).then(function () {
        button.textContent = button.dataset.copied;
      });
    });
  });
  // Move focus to the error summary so screen-reader users hear what to fix.
  var summary = document.querySelector(".usa-alert--error[tabindex='-1']");
  if (summary) summary.focus();
})();
