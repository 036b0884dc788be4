/**
 * `npm run bench -- --only mcp`: what an MCP client's model reads before its first call, the
 * `tools/list` result for all the tools, in o200k tokens (the budget is 2,000).
 */
import { Client, InMemoryTransport } from '@modelcontextprotocol/client'
import { countTokens } from 'gpt-tokenizer/encoding/o200k_base'
import { createSilentLogger } from '../src/log.ts'
import { createMcpServer } from '../src/mcp/index.ts'
import { vaultTools } from '../src/tools/index.ts'
import type { Vault } from '../src/vault/index.ts'
import { table } from './bench-utils.ts'

export const TOOLS_LIST_BUDGET = 2000

export interface ToolsListTokens {
  total: number
  byTool: { name: string; tokens: number; description: number; input: number; output: number }[]
}

/** Lists the tools through a real client over an in-memory transport and counts the JSON's tokens. */
export async function measureToolsList(): Promise<ToolsListTokens> {
  // tools/list reads the definitions only; no call runs, so no vault is opened.
  const server = createMcpServer({
    tools: vaultTools,
    dependencies: { vault: undefined as unknown as Vault },
    log: createSilentLogger(),
  })
  const [clientSide, serverSide] = InMemoryTransport.createLinkedPair()
  await server.connect(serverSide)
  const client = new Client({ name: 'bench', version: '1.0.0' })
  await client.connect(clientSide)
  try {
    const result = await client.listTools()
    return {
      total: countTokens(JSON.stringify(result)),
      byTool: result.tools.map((tool) => ({
        name: tool.name,
        tokens: countTokens(JSON.stringify(tool)),
        description: countTokens(tool.description ?? ''),
        input: countTokens(JSON.stringify(tool.inputSchema)),
        output: countTokens(JSON.stringify(tool.outputSchema ?? {})),
      })),
    }
  } finally {
    await client.close()
    await server.close()
  }
}

export async function runMcpBench(print: (line: string) => void): Promise<void> {
  const measured = await measureToolsList()
  print('\n## MCP tools/list\n')
  print(
    table(
      ['tool', 'tokens', 'description', 'input schema', 'output schema'],
      measured.byTool.map((tool) => [tool.name, tool.tokens, tool.description, tool.input, tool.output]),
    ),
  )
  const verdict = measured.total <= TOOLS_LIST_BUDGET ? 'within' : 'OVER'
  print(
    `\ntools/list for all tools: ${measured.total} tokens (o200k), ${verdict} the ${TOOLS_LIST_BUDGET} budget.`,
  )
}
