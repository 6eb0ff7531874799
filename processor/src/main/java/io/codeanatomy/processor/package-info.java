/**
 * The CodeAnatomy contracts annotation processor. {@link
 * io.codeanatomy.processor.ContractProcessor} runs the pipeline
 * {@code read -> check -> emit}: the reader turns annotated records into the model, the checks
 * report every problem at its element, and only a clean model reaches the emitters.
 */
package io.codeanatomy.processor;
