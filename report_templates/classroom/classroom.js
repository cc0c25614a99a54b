// cisec classroom: live updates over server-sent events; every page works without this script.
"use strict";
(function () {
  const body = document.body;

  function dirty() {
    const form = document.getElementById("answer-form");
    if (!form) return false;
    return Array.from(form.elements).some(
      (el) => ((el.type === "radio" || el.type === "checkbox") && el.checked) ||
              (el.tagName === "SELECT" && el.value !== ""));
  }

  function participant(url) {
    const source = new EventSource(url);
    const banner = document.getElementById("update");
    const show = document.getElementById("update-show");
    if (show) show.addEventListener("click", () => location.reload());
    function changed() {
      if (dirty()) { banner.hidden = false; } else { location.reload(); }
    }
    source.addEventListener("inject", (event) => {
      const data = JSON.parse(event.data);
      const list = document.getElementById("injects");
      if (list && !document.getElementById("inject-" + data.id)) {
        list.insertAdjacentHTML("beforeend", data.html);
        document.getElementById("injects-section").hidden = false;
      }
      changed();
    });
    source.addEventListener("state", (event) => {
      if (JSON.parse(event.data).state !== body.dataset.state) changed();
    });
  }

  function trainer(url) {
    const source = new EventSource(url);
    const live = document.getElementById("live");
    source.addEventListener("live", (event) => { live.innerHTML = JSON.parse(event.data).html; });
    source.addEventListener("reload", () => location.reload());
    live.addEventListener("submit", async (event) => {
      const form = event.target;
      if (!form.matches("[data-async]")) return;
      event.preventDefault();
      await fetch(form.action, { method: "POST", body: new FormData(form), redirect: "manual" });
    });
  }

  document.querySelectorAll("form[data-confirm]").forEach((form) => {
    form.addEventListener("submit", (event) => {
      if (!window.confirm(form.dataset.confirm)) event.preventDefault();
    });
  });
  if (body.dataset.events) participant(body.dataset.events);
  if (body.dataset.trainerEvents) trainer(body.dataset.trainerEvents);
})();
