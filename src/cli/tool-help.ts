/** Help texts for `jasque tool`: the tools with their operations, and one tool's parameters, from the zod schemas. */
import { z } from 'zod'
import { type ToolDefinition, vaultTools } from '../tools/index.ts'

interface PropertySchema {
  type?: string | string[]
  enum?: unknown[]
  items?: PropertySchema
  default?: unknown
  minimum?: number
  maximum?: number
  description?: string
}

interface ObjectSchema {
  properties?: Record<string, PropertySchema>
  required?: string[]
}

/** Every tool definition: help reads names, descriptions and schemas, so no vault or database is opened. */
export function listToolDefinitions(): readonly ToolDefinition[] {
  return vaultTools
}

function schemaOf(tool: ToolDefinition): ObjectSchema {
  return z.toJSONSchema(tool.input, { io: 'input', unrepresentable: 'any' }) as ObjectSchema
}

function describeType(property: PropertySchema): string {
  if (property.enum !== undefined) return `one of: ${property.enum.map(String).join(', ')}`
  const type = Array.isArray(property.type) ? property.type.join(' | ') : (property.type ?? 'any')
  if (type === 'array')
    return `array of ${property.items === undefined ? 'any' : describeType(property.items)}`
  const range =
    property.minimum !== undefined && property.maximum !== undefined
      ? ` ${property.minimum}..${property.maximum}`
      : ''
  return `${type}${range}`
}

/** `jasque tool --help`: usage, then each tool with its operations. */
export function formatToolList(usage: string, tools: readonly ToolDefinition[]): string {
  const lines = [usage, '', 'Tools:']
  for (const tool of tools) {
    const operations = schemaOf(tool).properties?.operation?.enum
    lines.push(`  ${tool.name}`)
    if (operations !== undefined) lines.push(`    operations: ${operations.map(String).join(', ')}`)
  }
  lines.push('', 'Run `jasque tool <name> --help` for the parameters of a tool.')
  return lines.join('\n')
}

/** `jasque tool <name> --help`: the description the model sees, then every parameter. */
export function formatToolHelp(tool: ToolDefinition): string {
  const schema = schemaOf(tool)
  const required = new Set(schema.required ?? [])
  const entries = Object.entries(schema.properties ?? {})
  const width = Math.max(0, ...entries.map(([name]) => name.length))
  const lines = [`Usage: jasque tool ${tool.name} '<json>'`, '', tool.description, '', 'Parameters:']
  for (const [name, property] of entries) {
    const facts = [
      describeType(property),
      ...(required.has(name) ? ['required'] : []),
      ...(property.default === undefined ? [] : [`default ${JSON.stringify(property.default)}`]),
    ]
    lines.push(`  ${name.padEnd(width)}  ${facts.join('; ')}`)
    if (property.description !== undefined) lines.push(`  ${''.padEnd(width)}  ${property.description}`)
  }
  const example = schema.properties?.operation?.enum?.[0]
  if (example !== undefined) {
    lines.push('', `Example: jasque tool ${tool.name} '${JSON.stringify({ operation: example })}'`)
  }
  return lines.join('\n')
}
