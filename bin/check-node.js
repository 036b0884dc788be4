// Loaded before any TypeScript (`node --import ./bin/check-node.js …`, and first by bin/jasque.js):
// Node older than 22.18 cannot strip types and would fail with ERR_UNKNOWN_FILE_EXTENSION ".ts".
// Plain JavaScript on purpose, so that it runs on the old Node it refuses.

const MINIMUM = { major: 22, minor: 18 }

/** True when `version` ("22.18.0" or "v22.18.0") is at least the minimum. */
export function isSupportedNode(version) {
  const [major, minor] = String(version).replace(/^v/, '').split('.').map(Number)
  if (!Number.isInteger(major) || !Number.isInteger(minor)) return false
  return major > MINIMUM.major || (major === MINIMUM.major && minor >= MINIMUM.minor)
}

if (!isSupportedNode(process.versions.node)) {
  process.stderr.write(
    `Jasque needs Node ${MINIMUM.major}.${MINIMUM.minor} or newer (this is ${process.version}): install a newer Node, see README\n`,
  )
  process.exit(2)
}

// Node keeps the compiled (and type-stripped) modules in its compile cache (in the temporary
// folder, or NODE_COMPILE_CACHE): a read-only `jasque tool` call measured 1.3 s without it and
// 0.36 s with it on this project's 2-core machine, since every .ts file is otherwise stripped and
// compiled again by each process.
import module from 'node:module'

module.enableCompileCache?.()
