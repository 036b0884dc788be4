/**
 * An HTTPS proxy on 127.0.0.1 that stands in for Datadog's intake in agentless tests: it accepts
 * `CONNECT`, terminates TLS with a certificate for `*.datadog.test` signed by a test CA made with
 * openssl at test time, and records every request (host, path, API key, decoded JSON body).
 */
import { execFileSync } from 'node:child_process'
import { once } from 'node:events'
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { createServer } from 'node:http'
import { createServer as createHttpsServer } from 'node:https'
import type { AddressInfo } from 'node:net'
import os from 'node:os'
import path from 'node:path'
import { gunzipSync } from 'node:zlib'

export interface IntakeRequest {
  host: string
  path: string
  apiKey: string | undefined
  body: unknown
}

export interface FakeIntakeProxy extends AsyncDisposable {
  /** For HTTPS_PROXY. */
  url: string
  /** For NODE_EXTRA_CA_CERTS. */
  caFile: string
  requests: IntakeRequest[]
  close(): Promise<void>
}

/** True when the openssl command is available to make the test certificates. */
export function hasOpenssl(): boolean {
  try {
    execFileSync('openssl', ['version'], { stdio: 'ignore' })
    return true
  } catch {
    return false
  }
}

export async function startFakeIntakeProxy(domain = 'datadog.test'): Promise<FakeIntakeProxy> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'jasque-test-ca-'))
  const file = (name: string) => path.join(dir, name)
  const openssl = (...args: string[]) => execFileSync('openssl', args, { stdio: 'ignore' })
  openssl(
    'req',
    '-x509',
    '-newkey',
    'rsa:2048',
    '-nodes',
    '-days',
    '1',
    '-subj',
    '/CN=Jasque Test CA',
    '-keyout',
    file('ca.key'),
    '-out',
    file('ca.pem'),
  )
  openssl(
    'req',
    '-newkey',
    'rsa:2048',
    '-nodes',
    '-subj',
    `/CN=*.${domain}`,
    '-keyout',
    file('leaf.key'),
    '-out',
    file('leaf.csr'),
  )
  await writeFile(file('leaf.ext'), `subjectAltName=DNS:*.${domain},DNS:${domain}\n`)
  openssl(
    'x509',
    '-req',
    '-in',
    file('leaf.csr'),
    '-CA',
    file('ca.pem'),
    '-CAkey',
    file('ca.key'),
    '-CAcreateserial',
    '-days',
    '1',
    '-extfile',
    file('leaf.ext'),
    '-out',
    file('leaf.pem'),
  )

  const requests: IntakeRequest[] = []
  const intake = createHttpsServer(
    { key: await readFile(file('leaf.key')), cert: await readFile(file('leaf.pem')) },
    async (request, response) => {
      const chunks: Buffer[] = []
      for await (const chunk of request) chunks.push(chunk as Buffer)
      let body: Buffer = Buffer.concat(chunks)
      if (request.headers['content-encoding'] === 'gzip') body = gunzipSync(body)
      let parsed: unknown
      try {
        parsed = JSON.parse(body.toString('utf8'))
      } catch {
        parsed = body.toString('utf8')
      }
      const apiKey = request.headers['dd-api-key']
      requests.push({
        host: request.headers.host ?? '',
        path: request.url ?? '',
        apiKey: typeof apiKey === 'string' ? apiKey : undefined,
        body: parsed,
      })
      response.writeHead(202, { 'content-type': 'application/json' }).end('{}')
    },
  )
  const proxy = createServer((_request, response) => response.writeHead(405).end())
  proxy.on('connect', (_request, socket) => {
    socket.write('HTTP/1.1 200 Connection Established\r\n\r\n')
    intake.emit('connection', socket)
  })
  proxy.listen(0, '127.0.0.1')
  await once(proxy, 'listening')
  const { port } = proxy.address() as AddressInfo

  async function close() {
    proxy.closeAllConnections()
    intake.closeAllConnections()
    await new Promise<void>((resolve) => proxy.close(() => resolve()))
    await rm(dir, { recursive: true, force: true })
  }

  return {
    url: `http://127.0.0.1:${port}`,
    caFile: file('ca.pem'),
    requests,
    close,
    [Symbol.asyncDispose]: close,
  }
}
