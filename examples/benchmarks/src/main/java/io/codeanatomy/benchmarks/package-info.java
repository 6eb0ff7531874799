/**
 * The benchmark harness of docs/benchmarks.md: whole-javac timings of the annotation processor
 * against its peers on a generated corpus, and JMH benchmarks of planning, identity and hashing.
 */
package io.codeanatomy.benchmarks;
