// The activity page's script: fetches the server-rendered fragments with the API key (asked for
// once, kept for this tab), follows /ui/events for new turns, and sends undo requests.
const KEY = 'jasque-api-key'
const MODE = 'jasque-diff-mode'
const turns = document.getElementById('turns')
const detail = document.getElementById('detail')
const live = document.getElementById('live')
const keyForm = document.getElementById('key-form')
let current

function headers(extra) {
  const key = sessionStorage.getItem(KEY)
  return key ? { ...extra, authorization: `Bearer ${key}` } : { ...extra }
}

function askForKey(message) {
  keyForm.hidden = false
  const error = document.getElementById('key-error')
  error.hidden = !message
  error.textContent = message || ''
  document.getElementById('key').focus()
}

// Resolves with the fragment's HTML (also for 503/404 problems); null after a 401 (the key is asked).
async function fetchFragment(path, init = {}) {
  const response = await fetch(path, { ...init, headers: headers(init.headers) })
  if (response.status === 401) {
    const hadKey = sessionStorage.getItem(KEY) !== null
    sessionStorage.removeItem(KEY)
    askForKey(hadKey ? 'That key was refused. Try again.' : '')
    return null
  }
  return response.text()
}

async function loadTurns() {
  turns.setAttribute('aria-busy', 'true')
  try {
    const html = await fetchFragment('/ui/fragments/turns')
    if (html === null) return
    turns.innerHTML = html
    markCurrent()
  } catch {
    turns.innerHTML =
      '<p class="problem" role="alert" data-state="offline">Jasque cannot be reached. Retrying…</p>'
  } finally {
    turns.setAttribute('aria-busy', 'false')
  }
}

function markCurrent() {
  for (const button of turns.querySelectorAll('button.turn')) {
    button.setAttribute('aria-current', String(button.dataset.run === current))
  }
}

async function openTurn(runId, { focus = true } = {}) {
  current = runId
  markCurrent()
  const html = await fetchFragment(`/ui/fragments/turns/${encodeURIComponent(runId)}`)
  if (html === null) return
  detail.innerHTML = html
  applyMode()
  if (focus) detail.querySelector('.turn-detail')?.focus()
}

async function undo(body) {
  const html = await fetchFragment('/ui/fragments/undo', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  })
  if (html === null) return
  await Promise.all([openTurn(current, { focus: false }), loadTurns()])
  const result = document.getElementById('undo-result')
  if (result) {
    result.innerHTML = html
    result.setAttribute('tabindex', '-1')
    result.focus()
  }
}

function applyMode() {
  const split = localStorage.getItem(MODE) === 'split'
  document.body.classList.toggle('split', split)
  const button = document.getElementById('diff-mode')
  if (button) {
    button.setAttribute('aria-pressed', String(split))
    button.textContent = split ? 'Inline' : 'Side by side'
  }
}

document.addEventListener('click', (event) => {
  const target = event.target instanceof Element ? event.target.closest('button') : null
  if (!target) return
  if (target.classList.contains('turn')) void openTurn(target.dataset.run)
  else if (target.dataset.undoRun) void undo({ run_id: target.dataset.undoRun })
  else if (target.dataset.undoChange) void undo({ change_id: target.dataset.undoChange })
  else if (target.id === 'diff-mode') {
    localStorage.setItem(MODE, localStorage.getItem(MODE) === 'split' ? 'inline' : 'split')
    applyMode()
  }
})

// Arrow keys move between turns in the list.
turns.addEventListener('keydown', (event) => {
  if (event.key !== 'ArrowDown' && event.key !== 'ArrowUp') return
  const buttons = [...turns.querySelectorAll('button.turn')]
  const index = buttons.indexOf(document.activeElement)
  const next = buttons[index + (event.key === 'ArrowDown' ? 1 : -1)]
  if (next) {
    event.preventDefault()
    next.focus()
  }
})

keyForm.addEventListener('submit', (event) => {
  event.preventDefault()
  sessionStorage.setItem(KEY, document.getElementById('key').value)
  keyForm.hidden = true
  void start()
})

// Server-sent events read with fetch, so the key goes in a header (EventSource cannot send one).
async function follow() {
  for (;;) {
    try {
      const response = await fetch('/ui/events', { headers: headers() })
      if (response.status === 401 || !response.body) return
      live.textContent = 'Connected: following new turns.'
      const reader = response.body.pipeThrough(new TextDecoderStream()).getReader()
      let buffer = ''
      for (;;) {
        const { value, done } = await reader.read()
        if (done) break
        buffer += value
        let end = buffer.indexOf('\n\n')
        while (end !== -1) {
          handleEvent(buffer.slice(0, end))
          buffer = buffer.slice(end + 2)
          end = buffer.indexOf('\n\n')
        }
      }
    } catch {
      // The server went away: try again shortly.
    }
    live.textContent = 'Reconnecting…'
    await new Promise((resolve) => setTimeout(resolve, 2000))
  }
}

function handleEvent(frame) {
  const type = /^event: (.*)$/m.exec(frame)?.[1]
  const data = /^data: (.*)$/m.exec(frame)?.[1]
  if (type === 'turn' || (type === 'store' && data && JSON.parse(data).available)) void loadTurns()
  if (type === 'store' && data && !JSON.parse(data).available) void loadTurns()
}

let started = false
async function start() {
  if (sessionStorage.getItem(KEY) === null) {
    const access = await (await fetch('/ui/access')).json()
    if (access.key) return askForKey('')
  }
  await loadTurns()
  if (!keyForm.hidden) return
  if (!started) {
    started = true
    void follow()
  }
}

applyMode()
void start()
