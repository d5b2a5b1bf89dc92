// Draws each chart from its page's JSON data block with Chart.js (served by this app). The page works without this
// script: every chart's numbers are in the table beside it.
(function () {
  "use strict";
  var colours = {
    submitted: "#6b7280", awaitingapproval: "#b45309", approved: "#15803d", rejected: "#b91c1c", expired: "#7c3aed",
    positive: "#15803d", neutral: "#6b7280", negative: "#b91c1c", mixed: "#b45309", unscored: "#cbd5e1", mean: "#1d4ed8"
  };

  function draw(canvas) {
    var block = document.getElementById(canvas.getAttribute("data-chart"));
    if (!block || typeof Chart === "undefined") {
      return;
    }

    var data = JSON.parse(block.textContent);
    var hasLine = data.series.some(function (s) { return s.line; });
    var datasets = data.series.map(function (s) {
      var colour = colours[s.key] || "#334155";
      return s.line
        ? { type: "line", label: s.label, data: s.data, yAxisID: "score", borderColor: colour, backgroundColor: colour, spanGaps: true, tension: 0.2, order: 0 }
        : { type: "bar", label: s.label, data: s.data, yAxisID: "count", backgroundColor: colour, stack: "counts", order: 1 };
    });
    var scales = {
      x: { stacked: true },
      count: { type: "linear", position: "left", stacked: true, beginAtZero: true, ticks: { precision: 0 }, title: { display: true, text: "count" } }
    };
    if (hasLine) {
      scales.score = { type: "linear", position: "right", min: -1, max: 1, grid: { drawOnChartArea: false }, title: { display: true, text: "mean sentiment" } };
    }

    new Chart(canvas, {
      data: { labels: data.labels, datasets: datasets },
      options: {
        responsive: true,
        maintainAspectRatio: false,
        animation: false,
        interaction: { mode: "index", intersect: false },
        plugins: { legend: { position: "bottom" }, title: { display: false } },
        scales: scales
      }
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    Array.prototype.forEach.call(document.querySelectorAll("canvas[data-chart]"), draw);
  });
})();
