import SootheCore

/// The preview page's inline script: cue details on hover and focus, keyboard moves along a lane,
/// seeking and a moving playhead when there is audio, captions that work from `file://`.
/// It marks the root `data-ready="true"` with `data-drawn-cues` (cues that have a laid-out box),
/// `data-page-width` and `data-window-width` once wired up, and `data-audio`, `data-audio-duration`,
/// `data-time` and `data-captions` as the player loads, and `data-overview-width`,
/// `data-overview-right` and `data-overview-window` (seconds in view), so a headless browser can
/// check the page.
enum HTMLScript {
    /// The script text (kept free of `]]>` and of closing script tags: it sits in a CDATA section).
    static let source = #"""
(function () {
  "use strict";
  var root = document.getElementById("soothe-preview");
  if (!root) { return; }
  var scroller = document.getElementById("scroller");
  var cues = Array.prototype.slice.call(root.querySelectorAll(".cue"));
  var audio = document.getElementById("player");
  var playhead = document.getElementById("playhead");
  var detail = document.getElementById("cue-detail");
  var caption = document.getElementById("caption");
  var pps = parseFloat(root.getAttribute("data-pps")) || 1;
  var edge = parseFloat(root.getAttribute("data-edge")) || 0;
  var rows = {};
  Array.prototype.forEach.call(root.querySelectorAll("tr[data-cue]"), function (row) {
    rows[row.getAttribute("data-cue")] = row;
  });

  function clock(seconds) {
    var tenths = Math.round(Math.max(0, seconds) * 10);
    var minutes = Math.floor(tenths / 600), rest = tenths % 600;
    var secs = Math.floor(rest / 10);
    return minutes + ":" + (secs < 10 ? "0" : "") + secs + "." + (rest % 10);
  }

  function number(el, name) { return parseFloat(el.getAttribute(name)) || 0; }

  function show(el) {
    var start = number(el, "data-start"), end = number(el, "data-end");
    var when = el.getAttribute("data-label") + " \u00b7 " + clock(start) + " to " + clock(end) +
      " (" + (Math.round((end - start) * 10) / 10).toFixed(1) + " s)";
    if (el.hasAttribute("data-line")) { when += " \u00b7 script line " + el.getAttribute("data-line"); }
    detail.firstElementChild.textContent = when;
    detail.lastElementChild.textContent = el.getAttribute("data-what");
    cues.forEach(function (cue) { cue.classList.toggle("selected", cue === el); });
  }

  function target(event) {
    var el = event.target;
    while (el && el !== root) {
      if (el.classList && (el.classList.contains("cue") || el.classList.contains("bed"))) { return el; }
      el = el.parentNode;
    }
    return null;
  }

  function seek(seconds, play) {
    if (!audio) { return; }
    try { audio.currentTime = seconds; } catch (e) { return; }
    moveTo(seconds);
    if (play && audio.paused) { var played = audio.play(); if (played && played.catch) { played.catch(function () {}); } }
  }

  var drawing = document.getElementById("timeline");
  drawing.addEventListener("mouseover", function (event) { var el = target(event); if (el) { show(el); } });
  drawing.addEventListener("focusin", function (event) { var el = target(event); if (el) { show(el); } });
  drawing.addEventListener("click", function (event) {
    var el = target(event);
    if (!el) { return; }
    show(el);
    if (el.classList.contains("cue")) { seek(number(el, "data-start"), true); }
  });
  drawing.addEventListener("keydown", function (event) {
    var el = target(event);
    if (!el || !el.classList.contains("cue")) { return; }
    var key = event.key;
    if ((key === "Enter" || key === " " || key === "Spacebar") && audio) {
      event.preventDefault();
      seek(number(el, "data-start"), true);
      return;
    }
    var lane = Array.prototype.slice.call(el.parentNode.querySelectorAll(".cue"));
    var index = lane.indexOf(el), next = null;
    if (key === "ArrowRight" || key === "ArrowDown") { next = lane[index + 1]; }
    else if (key === "ArrowLeft" || key === "ArrowUp") { next = lane[index - 1]; }
    else if (key === "Home") { next = lane[0]; }
    else if (key === "End") { next = lane[lane.length - 1]; }
    if (next) { event.preventDefault(); next.focus(); }
  });
  root.addEventListener("click", function (event) {
    var button = event.target.closest ? event.target.closest("button.seek") : null;
    if (button) { seek(number(button, "data-start"), true); }
  });

  // The playhead, the cues under it and the caption line.
  var current = [];
  function moveTo(seconds) {
    if (!playhead) { return; }
    var x = edge + seconds * pps;
    playhead.setAttribute("transform", "translate(" + x.toFixed(2) + " 0)");
    var now = cues.filter(function (cue) {
      return seconds >= number(cue, "data-start") && seconds < number(cue, "data-end");
    });
    current.forEach(function (cue) {
      if (now.indexOf(cue) < 0) { cue.classList.remove("now"); var r = rows[cue.id]; if (r) { r.classList.remove("now"); } }
    });
    now.forEach(function (cue) { cue.classList.add("now"); var r = rows[cue.id]; if (r) { r.classList.add("now"); } });
    current = now;
    if (audio && !audio.paused && scroller) {
      var left = scroller.scrollLeft, width = scroller.clientWidth;
      if (x < left || x > left + width * 0.85) { scroller.scrollLeft = Math.max(0, x - width * 0.2); }
    }
  }

  function speechCaptions(track) {
    cues.forEach(function (cue) {
      if (cue.getAttribute("data-kind") !== "speech" || typeof VTTCue === "undefined") { return; }
      track.addCue(new VTTCue(number(cue, "data-start"), number(cue, "data-end"), cue.getAttribute("data-what")));
    });
  }

  function follow(track) {
    track.mode = "hidden";
    track.addEventListener("cuechange", function () {
      var active = track.activeCues, words = [];
      for (var i = 0; active && i < active.length; i++) { words.push(active[i].text); }
      if (caption) { caption.textContent = words.join(" "); }
    });
  }

  if (audio) {
    var frame = 0;
    var tick = function () {
      moveTo(audio.currentTime);
      frame = audio.paused ? 0 : window.requestAnimationFrame(tick);
    };
    audio.addEventListener("play", function () { if (!frame) { frame = window.requestAnimationFrame(tick); } });
    audio.addEventListener("timeupdate", function () { if (audio.paused) { moveTo(audio.currentTime); } });
    audio.addEventListener("seeked", function () {
      moveTo(audio.currentTime);
      root.setAttribute("data-time", audio.currentTime.toFixed(3));
    });
    audio.addEventListener("loadedmetadata", function () {
      root.setAttribute("data-audio", "ready");
      root.setAttribute("data-audio-duration", audio.duration.toFixed(3));
    });
    audio.addEventListener("error", function () { root.setAttribute("data-audio", "error"); });

    // Browsers refuse to load a track file from file://; the same captions are in this page.
    var element = audio.querySelector("track");
    var inline = false;
    var useInline = function () {
      if (inline) { return; }
      inline = true;
      var track = audio.addTextTrack("captions", "Captions", element ? element.getAttribute("srclang") : "");
      speechCaptions(track);
      follow(track);
      root.setAttribute("data-captions", "inline");
    };
    var useTrack = function () {
      if (inline) { return; }
      follow(element.track);
      root.setAttribute("data-captions", "track");
    };
    if (element) {
      element.addEventListener("load", useTrack);
      element.addEventListener("error", useInline);
      if (element.readyState === 2) { useTrack(); } else if (element.readyState === 3) { useInline(); }
    } else {
      useInline();
    }
    moveTo(0);
  }

  // A link to page.html#cue-12 opens with that cue selected (and the player cued there).
  var wanted = location.hash ? document.getElementById(location.hash.slice(1)) : null;
  if (wanted && wanted.classList.contains("cue")) {
    show(wanted);
    seek(number(wanted, "data-start"), false);
  }

  // The overview: its frame shows the part of the session the timeline shows; a click there
  // scrolls the timeline to that moment. (Its drawing is in tenths of a second.)
  var overview = document.getElementById("overview-drawing");
  var frameBox = document.getElementById("overview-window");
  var total = parseFloat(root.getAttribute("data-duration")) || 1;
  function showWindow() {
    var from = Math.min(total, Math.max(0, (scroller.scrollLeft - edge) / pps));
    var span = Math.min(total - from, scroller.clientWidth / pps);
    frameBox.setAttribute("x", (from * 10).toFixed(2));
    frameBox.setAttribute("width", (span * 10).toFixed(2));
    root.setAttribute("data-overview-window", span.toFixed(1));
  }
  if (overview && frameBox && scroller) {
    scroller.addEventListener("scroll", showWindow);
    window.addEventListener("resize", showWindow);
    overview.addEventListener("click", function (event) {
      var box = overview.getBoundingClientRect();
      var seconds = (event.clientX - box.left) / box.width * total;
      scroller.scrollLeft = Math.max(0, edge + seconds * pps - scroller.clientWidth / 2);
    });
    showWindow();
    var overviewBox = overview.getBoundingClientRect();
    root.setAttribute("data-overview-width", String(Math.round(overviewBox.width)));
    root.setAttribute("data-overview-right", String(Math.round(overviewBox.right)));
  }

  var drawn = cues.filter(function (cue) {
    var box = cue.getBoundingClientRect();
    return box.width > 0 && box.height > 0;
  });
  root.setAttribute("data-drawn-cues", String(drawn.length));
  // How wide the page laid out against the window: the timeline scrolls inside, the page must not.
  root.setAttribute("data-page-width", String(document.documentElement.scrollWidth));
  root.setAttribute("data-window-width", String(window.innerWidth));
  root.setAttribute("data-ready", "true");
})();

"""#
}
