// Mega-menu disclosure buttons, the cookie notice's Accept button and the print button.
(function () {
  "use strict";
  function closeAll(except) {
    document.querySelectorAll(".mega-toggle[aria-expanded='true']").forEach(function (btn) {
      if (btn === except) return;
      btn.setAttribute("aria-expanded", "false");
      var panel = document.getElementById(btn.getAttribute("aria-controls"));
      if (panel) panel.hidden = true;
    });
  }
  document.addEventListener("click", function (event) {
    var toggle = event.target.closest(".mega-toggle");
    if (toggle) {
      var panel = document.getElementById(toggle.getAttribute("aria-controls"));
      var open = toggle.getAttribute("aria-expanded") === "true";
      closeAll(toggle);
      toggle.setAttribute("aria-expanded", String(!open));
      if (panel) panel.hidden = open;
      return;
    }
    if (!event.target.closest(".mega-panel")) closeAll(null);
    var dismiss = event.target.closest("[data-dismiss]");
    if (dismiss) {
      var target = document.getElementById(dismiss.getAttribute("data-dismiss"));
      if (target) target.hidden = true;
    }
    if (event.target.closest("[data-print]")) window.print();
  });
  document.addEventListener("keydown", function (event) {
    if (event.key === "Escape") closeAll(null);
  });
})();
