/*
 * Timbang dashboard script. Pages are complete without it (links, forms and tables all work
 * with JavaScript off); it draws the charts and adds a few conveniences. There is no inline
 * script anywhere, so a Content-Security-Policy of script-src 'self' holds.
 *
 * Load order, in <head> or at the end of <body>:
 *   <script src="{{asset "vendor/echarts.min.js"}}" defer></script>
 *   <script src="{{asset "app.js"}}" defer></script>
 *
 * CONTRACT WITH THE TEMPLATES
 *
 * 1. Charts. Each chart is a container plus a JSON data block (JSON is data, not script, so CSP
 *    does not block it):
 *
 *      <div class="chart" id="chart-X" data-chart="chart-X-data" role="img" aria-label="..."></div>
 *      <script type="application/json" id="chart-X-data">{...}</script>
 *
 *    The JSON payload:
 *      option  ECharts option object, as produced by go-echarts (required). It must not
 *              contain JavaScript functions ("__f__" strings); formatting is added here.
 *      links   optional. Either an array of URLs indexed by dataIndex of series 0, or an object
 *              keyed by series index: {"0": [...], "1": [...]}. Clicking a data item that has a
 *              link goes there; only same-site paths ("/unit/...") are followed. Series with
 *              links get a pointer cursor, the others the default cursor.
 *      format  optional: "int" | "dec1" | "dec2" | "ratio" (2 decimals) | "pct" (a fraction:
 *              0.125 is shown as 12,5 %). Applied to tooltip values and to the labels of value
 *              axes, unless the option already sets them.
 *      lang    optional: "id" (default) or "en"; picks the Intl.NumberFormat locale
 *              (id-ID: 1.234,5; en-US: 1,234.5). Falls back to <html lang>.
 *
 *    Charts are drawn with the SVG renderer (crisp, printable, and readable in the DOM) on
 *    DOMContentLoaded and resized, debounced, when the window resizes. Tooltips are drawn
 *    inside the chart (renderMode "richText") unless the option sets a renderMode: ECharts'
 *    HTML tooltips style their markup with inline style attributes, which the pages'
 *    Content-Security-Policy (style-src 'self') refuses, leaving them unstyled. A chart whose
 *    data is broken or whose library failed to load gets class "chart-error" and a short
 *    message; the other charts still draw.
 *
 *    For browser tests: window.timbang.charts[<container id>] is the ECharts instance
 *    (getOption().series), and window.timbang.ready is true once every chart was attempted.
 *
 * 2. Filter forms: <form class="filters" method="get"> with <select>s. Changing a select submits
 *    the form, so the filters land in the URL; keep a visible submit button for no-JS use.
 *    Fields with an empty value are left out of the query (disabled just before submitting), so
 *    URLs stay clean: /units?region=31 rather than /units?region=31&type=&band=. When a page is
 *    shown again from the back/forward cache, its forms are re-enabled and reset to the values
 *    the server rendered, so the form always matches the URL and the data.
 *
 * 3. Clickable rows: <tr data-href="/unit/..."> navigates on click and on Enter; app.js gives
 *    the row tabindex="0". The row must still contain a real <a href> to the same place, for
 *    screen readers, middle-click and no-JS. Clicks on links, buttons and form fields inside the
 *    row, and clicks that end a text selection, are left alone.
 */
(function () {
  'use strict';

  var timbang = (window.timbang = window.timbang || {});
  timbang.charts = timbang.charts || {};
  timbang.ready = false;

  var messages = {
    id: { chartError: 'Grafik tidak dapat ditampilkan.', noValue: '–' },
    en: { chartError: 'This chart could not be displayed.', noValue: '–' }
  };

  function pageLang() {
    var lang = (document.documentElement.lang || 'id').slice(0, 2).toLowerCase();
    return lang === 'en' ? 'en' : 'id';
  }

  // sameSitePath accepts "/unit/3171" and "/units?region=31" but not "//evil.example",
  // "javascript:..." or absolute URLs, so a link in chart data can only move within the site.
  function sameSitePath(href) {
    return typeof href === 'string' && /^\/(?![\/\\])/.test(href);
  }

  function go(href, newTab) {
    if (!sameSitePath(href)) {
      return;
    }
    if (newTab) {
      window.open(href, '_blank', 'noopener');
    } else {
      window.location.assign(href);
    }
  }

  /* ---------- number formatting ---------- */

  var formatOptions = {
    int: { maximumFractionDigits: 0 },
    dec1: { minimumFractionDigits: 1, maximumFractionDigits: 1 },
    dec2: { minimumFractionDigits: 2, maximumFractionDigits: 2 },
    ratio: { minimumFractionDigits: 2, maximumFractionDigits: 2 },
    pct: { style: 'percent', minimumFractionDigits: 0, maximumFractionDigits: 1 }
  };

  // makeFormatter returns a function that formats one value, an array of values (e.g. a scatter
  // point) or a {value: ...} item, showing a dash for missing values.
  function makeFormatter(format, lang) {
    var nf = new Intl.NumberFormat(lang === 'en' ? 'en-US' : 'id-ID', formatOptions[format]);
    var none = messages[lang].noValue;
    function one(v) {
      if (v === null || v === undefined || v === '' || v === '-') {
        return none;
      }
      var n = typeof v === 'number' ? v : Number(v);
      return isFinite(n) ? nf.format(n) : String(v);
    }
    return function (v) {
      if (Array.isArray(v)) {
        return v.map(one).join(' · ');
      }
      if (v !== null && typeof v === 'object' && 'value' in v) {
        return one(v.value);
      }
      return one(v);
    };
  }

  function asList(x) {
    if (x === undefined || x === null) {
      return [];
    }
    return Array.isArray(x) ? x : [x];
  }

  // applyFormat adds tooltip and value-axis formatters that the JSON could not carry.
  function applyFormat(option, format, lang) {
    if (!format || !formatOptions[format]) {
      return;
    }
    var fmt = makeFormatter(format, lang);
    asList(option.tooltip).forEach(function (tooltip) {
      if (!tooltip.valueFormatter && !tooltip.formatter) {
        tooltip.valueFormatter = fmt;
      }
    });
    ['xAxis', 'yAxis', 'radiusAxis', 'angleAxis', 'singleAxis'].forEach(function (key) {
      asList(option[key]).forEach(function (axis) {
        // ECharts' defaults: xAxis is a category axis, yAxis a value axis.
        var type = axis.type || (key === 'xAxis' ? 'category' : 'value');
        if (type !== 'value' && type !== 'log') {
          return;
        }
        axis.axisLabel = axis.axisLabel || {};
        if (!axis.axisLabel.formatter) {
          axis.axisLabel.formatter = function (v) {
            return fmt(v);
          };
        }
      });
    });
    asList(option.visualMap).forEach(function (vm) {
      if (!vm.formatter) {
        vm.formatter = function (v, v2) {
          return v2 === undefined ? fmt(v) : fmt(v) + ' – ' + fmt(v2);
        };
      }
    });
  }

  /* ---------- charts ---------- */

  // drawTooltipsInChart keeps tooltips out of the HTML: the HTML renderer writes markup with
  // style="..." attributes (colour markers, alignment), which CSP blocks and reports as errors.
  function drawTooltipsInChart(option) {
    asList(option.tooltip).forEach(function (tooltip) {
      if (tooltip && !tooltip.renderMode) {
        tooltip.renderMode = 'richText';
      }
    });
  }

  // linksFor normalises "links" to {seriesIndex: [url by dataIndex]}.
  function linksFor(payload) {
    var links = payload.links;
    if (!links) {
      return {};
    }
    if (Array.isArray(links)) {
      return { 0: links };
    }
    return links;
  }

  function showChartError(el, lang, err) {
    el.classList.add('chart-error');
    el.textContent = messages[lang].chartError;
    if (window.console && err) {
      window.console.error('timbang: chart ' + el.id + ':', err);
    }
  }

  function initChart(el) {
    var lang = pageLang();
    var payload;
    try {
      var dataEl = document.getElementById(el.getAttribute('data-chart'));
      if (!dataEl) {
        throw new Error('no data element #' + el.getAttribute('data-chart'));
      }
      payload = JSON.parse(dataEl.textContent);
      if (!payload || typeof payload.option !== 'object') {
        throw new Error('payload has no "option" object');
      }
    } catch (err) {
      showChartError(el, lang, err);
      return;
    }
    if (payload.lang === 'en' || payload.lang === 'id') {
      lang = payload.lang;
    }
    if (typeof window.echarts === 'undefined') {
      showChartError(el, lang, new Error('echarts.min.js did not load'));
      return;
    }

    var option = payload.option;
    var links = linksFor(payload);
    applyFormat(option, payload.format, lang);
    drawTooltipsInChart(option);
    asList(option.series).forEach(function (series, i) {
      if (series.cursor === undefined) {
        series.cursor = links[i] ? 'pointer' : 'default';
      }
    });

    try {
      var chart = window.echarts.init(el, null, { renderer: 'svg' });
      chart.setOption(option);
      chart.on('click', function (params) {
        if (params.componentType !== 'series') {
          return;
        }
        var list = links[params.seriesIndex];
        var href = list && list[params.dataIndex];
        var ev = params.event && params.event.event;
        go(href, !!(ev && (ev.ctrlKey || ev.metaKey)));
      });
      timbang.charts[el.id] = chart;
    } catch (err) {
      showChartError(el, lang, err);
    }
  }

  function resizeCharts() {
    Object.keys(timbang.charts).forEach(function (id) {
      timbang.charts[id].resize();
    });
  }

  function debounce(fn, ms) {
    var timer = null;
    return function () {
      clearTimeout(timer);
      timer = setTimeout(fn, ms);
    };
  }

  function initCharts() {
    var els = document.querySelectorAll('.chart[data-chart]');
    Array.prototype.forEach.call(els, initChart);
    if (els.length > 0) {
      window.addEventListener('resize', debounce(resizeCharts, 150));
      // Paper is narrower than the screen; redraw for print and back.
      window.addEventListener('beforeprint', resizeCharts);
      window.addEventListener('afterprint', resizeCharts);
    }
  }

  /* ---------- filter forms ---------- */

  var DROPPED = 'data-timbang-dropped';

  // dropEmptyFields disables named fields with an empty value so the browser leaves them out of
  // the query string.
  function dropEmptyFields(form) {
    Array.prototype.forEach.call(form.elements, function (field) {
      var tag = field.tagName;
      var textual = tag === 'INPUT' && /^(text|search|number|date|month)$/.test(field.type);
      if (!field.name || field.disabled || !(tag === 'SELECT' || textual)) {
        return;
      }
      if (field.value === '') {
        field.disabled = true;
        field.setAttribute(DROPPED, '');
      }
    });
  }

  // restoreFields runs on every pageshow. A page restored from the back/forward cache (or
  // whose form state the browser restored) would otherwise show the choice that submitted it,
  // with fields still disabled by dropEmptyFields, while its URL and data are those of the
  // older page: re-enable the fields and reset each form to the values the server rendered
  // for this URL. reset() fires no "change", so it submits nothing.
  function restoreFields() {
    Array.prototype.forEach.call(document.querySelectorAll('[' + DROPPED + ']'), function (field) {
      field.disabled = false;
      field.removeAttribute(DROPPED);
    });
    Array.prototype.forEach.call(document.querySelectorAll('form.filters'), function (form) {
      // Only filter forms (GET: their state is the URL); a POST form keeps what was entered.
      if (form.method === 'get') {
        form.reset();
      }
    });
  }

  function initFilters() {
    Array.prototype.forEach.call(document.querySelectorAll('form.filters'), function (form) {
      form.addEventListener('submit', function () {
        dropEmptyFields(form);
      });
      form.addEventListener('change', function (e) {
        if (e.target.tagName !== 'SELECT') {
          return;
        }
        if (typeof form.requestSubmit === 'function') {
          form.requestSubmit(); // fires "submit", which drops the empty fields
        } else {
          dropEmptyFields(form);
          form.submit();
        }
      });
    });
    window.addEventListener('pageshow', restoreFields);
  }

  /* ---------- clickable table rows ---------- */

  var INTERACTIVE = 'a, button, input, select, textarea, label, summary, [contenteditable]';

  function initRows() {
    Array.prototype.forEach.call(document.querySelectorAll('tr[data-href]'), function (row) {
      if (!row.hasAttribute('tabindex')) {
        row.setAttribute('tabindex', '0');
      }
    });
    document.addEventListener('click', function (e) {
      var row = e.target.closest && e.target.closest('tr[data-href]');
      if (!row || e.button !== 0 || e.target.closest(INTERACTIVE)) {
        return;
      }
      var selection = window.getSelection && window.getSelection();
      if (selection && selection.toString() !== '') {
        return; // the user was selecting text, not clicking
      }
      go(row.getAttribute('data-href'), e.ctrlKey || e.metaKey);
    });
    document.addEventListener('keydown', function (e) {
      if (e.key !== 'Enter' || !e.target.matches || !e.target.matches('tr[data-href]')) {
        return;
      }
      e.preventDefault();
      go(e.target.getAttribute('data-href'), e.ctrlKey || e.metaKey);
    });
  }

  function init() {
    initFilters();
    initRows();
    initCharts();
    timbang.ready = true;
  }

  if (document.readyState === 'loading') {
    document.addEventListener('DOMContentLoaded', init);
  } else {
    init();
  }
})();
