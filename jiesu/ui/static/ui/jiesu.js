/*
 * jiesu staff UI behaviour: plain JavaScript, no build step, works on agency intranets.
 *  1. htmx requests carry Django's CSRF token; [data-compact-query] search forms drop empty fields.
 *  2. [data-due-at] deadlines count down live and change colour as they near.
 *  3. [data-autocomplete-url] inputs offer keyboard-driven suggestions.
 *  4. [data-confirm] buttons and links ask before they act.
 *  5. [data-close-panel] inside a [data-panel] empties the panel instead of leaving the page.
 *  6. Intake suggestions pre-fill the fields the operator has not touched.
 * Failed htmx requests also show a toast, so an operator never clicks into silence.
 */
(function () {
  "use strict";

  /* ---- 1. CSRF: the cookie is freshest (Django rotates it at login); the meta tag covers
     CSRF_COOKIE_HTTPONLY deployments. */
  function csrfToken() {
    var match = document.cookie.match(/(?:^|;\s*)csrftoken=([^;]+)/);
    if (match) return decodeURIComponent(match[1]);
    var meta = document.querySelector('meta[name="csrf-token"]');
    return meta ? meta.content : "";
  }
  document.addEventListener("htmx:configRequest", function (e) {
    e.detail.headers["X-CSRFToken"] = csrfToken();
    /* A search form sends (and htmx pushes into the address bar) only the filters actually set. */
    if (e.detail.verb === "get" && e.detail.elt.hasAttribute("data-compact-query")) {
      var params = e.detail.parameters;
      Object.keys(params).forEach(function (name) { if (params[name] === "") delete params[name]; });
    }
  });

  /* ---- Toasts: the same list Django's messages render into (ui/base.html). */
  function toast(text, level) {
    var list = document.getElementById("messages");
    if (!list) return;
    var li = document.createElement("li");
    li.className = level || "error";
    li.textContent = text;
    list.appendChild(li);
    autoHide(li);
  }
  function autoHide(li) {  // confirmations fade by themselves; errors and warnings wait for a click
    if (/\b(success|info)\b/.test(li.className)) setTimeout(function () { li.remove(); }, 6000);
  }
  document.addEventListener("click", function (e) {  // a click dismisses a toast
    var li = e.target.closest && e.target.closest(".messages li");
    if (li) li.remove();
  });
  document.addEventListener("htmx:responseError", function (e) {
    toast("操作未成功（HTTP " + e.detail.xhr.status + "），请刷新页面后重试。");
  });
  document.addEventListener("htmx:sendError", function () {
    toast("无法连接服务器，请检查网络后重试。");
  });

  /* ---- 2. Live countdowns. "Today" means due before local midnight; "soon" within 3 days
     (the 催办 ladder starts 3 working days out; the server-side sweep is authoritative). */
  var MINUTE = 60000, HOUR = 60 * MINUTE, DAY = 24 * HOUR;
  function span(ms) {  // "2天3小时", "5天", "1小时20分钟", "45分钟": the two largest units that count
    var d = Math.floor(ms / DAY), h = Math.floor((ms % DAY) / HOUR), m = Math.floor((ms % HOUR) / MINUTE);
    if (d) return d + "天" + (h ? h + "小时" : "");
    if (h) return h + "小时" + (m ? m + "分钟" : "");
    return m ? m + "分钟" : "不足1分钟";
  }
  function updateDue(el, now) {
    var due = new Date(el.getAttribute("data-due-at"));
    if (isNaN(due)) return;
    if (!el.title) el.title = "期限 " + el.textContent.trim();  // keep the absolute time on hover
    var left = due - now, endOfToday = new Date(now);
    endOfToday.setHours(23, 59, 59, 999);
    var state = left <= 0 ? "overdue" : due <= endOfToday ? "today" : left < 3 * DAY ? "soon" : "ok";
    el.textContent = (left <= 0 ? "已超期 " : "剩余 ") + span(Math.abs(left));
    el.className = el.className.replace(/\bdue-\w+/g, "").trim() + " due-" + state;
  }
  function each(root, selector, fn) {  // root itself may be the element htmx swapped in
    if (root.matches && root.matches(selector)) fn(root);
    root.querySelectorAll(selector).forEach(fn);
  }
  function updateAllDue(root) {
    var now = new Date();
    each(root || document, "[data-due-at]", function (el) { updateDue(el, now); });
  }
  setInterval(function () { updateAllDue(document); }, 30000);

  /* ---- 3. Autocomplete. <input data-autocomplete-url="/ui/x/" [data-autocomplete-target="#id"]
     [data-autocomplete-min="2"]> GETs url?q=... and expects [{"label","value","fields":{name:value}}].
     Choosing fills the input with `value` (with a target: the input shows `label`, the target
     gets `value`), fills the form's fields named in `fields`, and fires "autocomplete:chosen"
     on the input (detail = the item) so hx-trigger can load e.g. the caller's open orders. */
  function setupAutocomplete(input) {
    if (input.dataset.autocompleteReady) return;
    input.dataset.autocompleteReady = "1";
    input.setAttribute("autocomplete", "off");
    input.setAttribute("role", "combobox");
    input.setAttribute("aria-expanded", "false");
    var list = document.createElement("ul"), items = [], active = -1, timer = null, seq = 0;
    list.className = "autocomplete";
    list.id = (input.id || input.name) + "-suggestions";
    list.setAttribute("role", "listbox");
    list.hidden = true;
    input.setAttribute("aria-controls", list.id);
    input.insertAdjacentElement("afterend", list);
    var target = input.dataset.autocompleteTarget && document.querySelector(input.dataset.autocompleteTarget);
    var min = parseInt(input.dataset.autocompleteMin || "2", 10);

    function close() { list.hidden = true; active = -1; input.setAttribute("aria-expanded", "false"); }
    function highlight(i) {
      active = i;
      Array.prototype.forEach.call(list.children, function (li, j) { li.classList.toggle("active", j === i); });
      if (list.children[i]) { list.children[i].scrollIntoView({ block: "nearest" }); input.setAttribute("aria-activedescendant", list.children[i].id); }
    }
    function show(results) {
      items = Array.isArray(results) ? results : [];
      list.innerHTML = "";
      items.forEach(function (item, i) {
        var li = document.createElement("li");
        li.id = list.id + "-" + i;
        li.setAttribute("role", "option");
        li.textContent = item.label;
        li.addEventListener("mousedown", function (e) { e.preventDefault(); choose(i); });
        list.appendChild(li);
      });
      if (!items.length) return close();
      list.style.top = input.offsetTop + input.offsetHeight + "px";
      list.style.left = input.offsetLeft + "px";
      list.style.minWidth = input.offsetWidth + "px";
      list.hidden = false;
      input.setAttribute("aria-expanded", "true");
      highlight(0);
    }
    function choose(i) {
      var item = items[i], scope = input.form || document;
      if (!item) return;
      input.value = target ? item.label : item.value;
      if (target) target.value = item.value;
      Object.keys(item.fields || {}).forEach(function (name) {
        var field = scope.querySelector('[name="' + CSS.escape(name) + '"]');
        if (!field) return;
        if (field.type === "checkbox") field.checked = !!item.fields[name];
        else field.value = item.fields[name];
        field.dispatchEvent(new Event("change", { bubbles: true }));
      });
      close();
      input.dispatchEvent(new CustomEvent("autocomplete:chosen", { bubbles: true, detail: item }));
    }
    input.addEventListener("input", function () {
      if (target) target.value = "";  // typed text no longer matches the chosen record
      clearTimeout(timer);
      var q = input.value.trim();
      if (q.length < min) return close();
      timer = setTimeout(function () {
        var mine = ++seq, url = new URL(input.dataset.autocompleteUrl, window.location.href);
        url.searchParams.set("q", q);
        fetch(url, { headers: { Accept: "application/json" }, credentials: "same-origin" })
          .then(function (r) { return r.ok ? r.json() : []; })
          .then(function (data) { if (mine === seq) show(data); })  // drop answers to stale queries
          .catch(close);
      }, 200);
    });
    input.addEventListener("keydown", function (e) {
      if (list.hidden) return;
      if (e.key === "ArrowDown") highlight((active + 1) % items.length);
      else if (e.key === "ArrowUp") highlight((active - 1 + items.length) % items.length);
      else if (e.key === "Enter") choose(active);
      else if (e.key === "Escape") close();
      else return;
      e.preventDefault();  // Enter picks a suggestion instead of submitting the form
    });
    input.addEventListener("blur", close);
  }

  /* ---- 4. Confirmation. Runs in the capture phase, so a "no" stops htmx handlers too. */
  document.addEventListener("click", function (e) {
    var el = e.target.closest && e.target.closest("[data-confirm]");
    if (el && !window.confirm(el.getAttribute("data-confirm"))) {
      e.preventDefault();
      e.stopImmediatePropagation();
    }
  }, true);

  /* ---- 5. Closing an inline action form: without JavaScript the same link goes back to the order. */
  document.addEventListener("click", function (e) {
    var el = e.target.closest && e.target.closest("[data-close-panel]");
    var panel = el && el.closest("[data-panel]");
    if (!panel) return;
    e.preventDefault();
    panel.innerHTML = "";
  });
  document.addEventListener("keydown", function (e) {  // Escape closes the open action form too
    if (e.key !== "Escape" || !e.target.closest) return;
    var panel = e.target.closest("[data-panel]");
    if (panel && !e.defaultPrevented) panel.innerHTML = "";  // not when Escape closed a suggestion list
  });

  /* ---- 6. Intake suggestions. #intake-suggestions receives the classifier's suggestion
     (ui/partials/intake_suggestions.html); its data-suggested-* values fill each field the operator
     has not changed by hand (data-touched), marked .prefilled until they change it. Urgency and the
     fast-response reasons go together: the server refuses a fast order without a reason. */
  var SUGGESTED = {  // form field name → dataset key of the suggestion
    line: "suggestedLine", product_category: "suggestedCategory", requests: "suggestedRequests",
    urgency: "suggestedUrgency", fast_response_reasons: "suggestedFastResponseReasons"
  };
  var TOGETHER = { urgency: ["urgency", "fast_response_reasons"], fast_response_reasons: ["urgency", "fast_response_reasons"] };
  function named(form, name) { return Array.prototype.slice.call(form.querySelectorAll('[name="' + name + '"]')); }
  function touched(form, name) {
    return (TOGETHER[name] || [name]).some(function (n) {
      return named(form, n).some(function (el) { return el.dataset.touched; });
    });
  }
  function markTouched(form, name) {
    named(form, name).forEach(function (el) {
      el.dataset.touched = "1";
      var wrap = el.closest(".field");
      if (wrap) wrap.classList.remove("prefilled");
    });
  }
  function onUserEdit(e) {  // only the operator's own edits count, not values scripts set
    var el = e.target;
    if (e.isTrusted && el.form && el.form.id === "intake-form" && SUGGESTED.hasOwnProperty(el.name)) markTouched(el.form, el.name);
  }
  document.addEventListener("input", onUserEdit);
  document.addEventListener("change", onUserEdit);
  function prefill(box) {
    var data = box.querySelector("[data-suggestions]"), form = box.closest("form");
    if (!data || !form) return;
    Object.keys(SUGGESTED).forEach(function (name) {
      if (touched(form, name)) return;
      var value = data.dataset[SUGGESTED[name]] || "", values = value ? value.split(",") : [];
      var fields = named(form, name), wrap = fields.length && fields[0].closest(".field");
      fields.forEach(function (field) {
        if (field.type === "checkbox") field.checked = values.indexOf(field.value) >= 0;
        else field.value = value;
      });
      if (wrap) wrap.classList.toggle("prefilled", values.length > 0);
    });
  }
  document.addEventListener("htmx:afterSwap", function (e) {
    if (e.detail.target && e.detail.target.id === "intake-suggestions") prefill(e.detail.target);
  });
  function keepValues(box) {  // a form re-shown with errors holds the operator's values: keep them
    var form = box.closest("form");
    if (form) Object.keys(SUGGESTED).forEach(function (name) { markTouched(form, name); });
  }

  /* Run on the first page and on every fragment htmx swaps in. */
  function init(root) {
    updateAllDue(root);
    each(root, "[data-autocomplete-url]", setupAutocomplete);
    each(root, ".messages li", autoHide);
    each(root, "#intake-suggestions[data-keep-values]", keepValues);
  }
  document.addEventListener("htmx:load", function (e) { init(e.target); });
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", function () { init(document); });
  else init(document);
})();
