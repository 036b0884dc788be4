/** drizzle-kit settings: `npx drizzle-kit generate` writes SQL migrations for src/store/schema.ts. */
import { defineConfig } from 'drizzle-kit'

export default defineConfig({
  dialect: 'postgresql',
  schema: './src/store/schema.ts',
  out: './src/store/migrations',
})
