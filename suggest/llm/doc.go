// Package llm is the optional LLM suggestion strategy: it asks any
// OpenAI-compatible chat completions endpoint (OpenAI, Azure OpenAI's v1
// endpoint, vLLM, Ollama…) to qualify a reply, and it embeds texts with an
// OpenAI-compatible embeddings endpoint.
//
// The strategy never stands alone. It first runs the offline knn strategy,
// whose nearest past qualifications become the prompt's few-shot examples
// and whose suggestion is the answer whenever the LLM cannot give a valid
// one: the server is down or too slow, the circuit breaker is open, or the
// model's answer fails validation twice (once as given, once after a repair
// request naming what was wrong).
//
// The answer is constrained with a strict JSON schema built from the
// tenant's catalog and the customer's open items (response_format
// json_schema); servers that reject json_schema are asked again in JSON mode,
// and the client remembers it. Calls are bounded by a timeout, retried with
// exponential backoff and full jitter on 429, 5xx and network errors
// (honouring Retry-After), and guarded by a circuit breaker. Every
// suggestion records the tokens it spent and their cost.
package llm
