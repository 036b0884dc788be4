/**
 * A watchdog for the model call: it aborts when the provider stays silent for `timeoutMs` while
 * we wait on it (no headers, or no chunk), but never counts time spent running tools.
 */
export interface ModelTimeout {
  readonly signal: AbortSignal
  /** Starts or restarts the countdown (a model call began, or a chunk arrived). */
  arm(): void
  /** Restarts the countdown only when it is running. */
  touch(): void
  /** Stops the countdown (the model call ended). */
  disarm(): void
}

export function createModelTimeout(timeoutMs: number): ModelTimeout {
  const controller = new AbortController()
  let timer: NodeJS.Timeout | undefined
  const arm = () => {
    clearTimeout(timer)
    if (controller.signal.aborted) return
    timer = setTimeout(
      () => controller.abort(new DOMException('Model call timed out', 'TimeoutError')),
      timeoutMs,
    )
    timer.unref()
  }
  return {
    signal: controller.signal,
    arm,
    touch: () => {
      if (timer !== undefined) arm()
    },
    disarm: () => {
      clearTimeout(timer)
      timer = undefined
    },
  }
}
