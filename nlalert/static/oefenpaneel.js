// The exercise panel: fetch the server-rendered panel again every 15 seconds, so new injects
// and the clock appear without a reload. Without JavaScript the page shows the state at load.
(function () {
  "use strict";
  var paneel = document.getElementById("oefenpaneel");
  if (!paneel || !window.fetch) { return; }
  var url = paneel.getAttribute("data-url");
  function ververs() {
    fetch(url, { credentials: "same-origin", headers: { "Accept": "text/html" } })
      .then(function (r) { return r.ok ? r.text() : null; })
      .then(function (html) {
        if (html === null) { return; }
        if (!html.trim()) { paneel.hidden = true; return; }
        paneel.innerHTML = html;
      })
      .catch(function () {});
  }
  window.setInterval(ververs, 15000);
})();
