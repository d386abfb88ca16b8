// Draws the explore pages' charts from the JSON block the server wrote (#chart-data).
// Figures come as decimal text; the chart needs numbers only to draw them.
(function () {
  "use strict";
  var data = JSON.parse(document.getElementById("chart-data").textContent);
  // null stays null: a year with no figure is a gap the label explains, never a zero
  function num(v) { return v === null || v === undefined ? null : Number(v); }
  function tree(nodes) {
    return nodes.map(function (n) {
      var out = { name: n.name, value: num(n.value) };
      if (n.children && n.children.length) { out.children = tree(n.children); }
      return out;
    });
  }
  var build = {
    functions: function (d) {
      return { tooltip: {}, series: [{ type: "treemap", name: "支出", data: tree(d),
        leafDepth: 2, label: { show: true }, upperLabel: { show: true, height: 22 } }] };
    },
    basic_project: function (d) {
      return { tooltip: { trigger: "item" }, legend: {},
        series: [{ type: "pie", radius: "60%", data: d.map(function (x) { return { name: x.name, value: num(x.value) }; }) }] };
    },
    economic: function (d) {
      return { tooltip: {}, grid: { left: 200 },
        xAxis: { type: "value" }, yAxis: { type: "category", data: d.map(function (x) { return x.name; }) },
        series: [{ type: "bar", data: d.map(function (x) { return num(x.value); }) }] };
    },
    income_sources: function (d) {
      return { tooltip: {}, grid: { left: 200 },
        xAxis: { type: "value", name: "万元" }, yAxis: { type: "category", inverse: true, data: d.map(function (x) { return x.name; }) },
        series: [{ type: "bar", name: "本年收入", data: d.map(function (x) { return num(x.value); }) }] };
    },
    sangong_years: function (d) {
      return { tooltip: { trigger: "axis" }, legend: {}, grid: { bottom: 60 },
        xAxis: { type: "category", data: d.labels || d.years, axisLabel: { interval: 0 } },
        yAxis: { type: "value", name: d.unit || "" },
        series: d.series.map(function (s) { return { type: "bar", name: s.name, data: s.values.map(num) }; }) };
    },
    operating_years: function (d) {
      return { tooltip: { trigger: "axis" }, grid: { bottom: 60 },
        xAxis: { type: "category", data: d.labels, axisLabel: { interval: 0 } },
        yAxis: { type: "value", name: d.unit },
        series: [{ type: "bar", name: "机关运行经费", data: d.values.map(num),
                   label: { show: true, position: "top" } }] };
    },
    compare: function (d) {
      return { tooltip: { trigger: "axis" }, legend: {}, grid: { left: 240 },
        yAxis: { type: "category", data: d.names, inverse: true }, xAxis: { type: "value" },
        series: [{ type: "bar", name: d.labels[0], data: d.a.map(num) },
                 { type: "bar", name: d.labels[1], data: d.b.map(num) }] };
    }
  };
  var drawn = 0;
  document.querySelectorAll("[data-chart]").forEach(function (el) {
    var key = el.getAttribute("data-chart");
    if (!(key in data) || !build[key]) { return; }
    var chart = echarts.init(el, null, { renderer: "canvas" });
    chart.setOption(build[key](data[key]));
    chart.on("finished", function () { el.setAttribute("data-drawn", "yes"); });
    drawn += 1;
  });
  document.body.setAttribute("data-charts", String(drawn));
})();
