/**
 * Reading the hub's configuration: one section at a time, its keys known, its values typed, and every problem a
 * start-up failure that names the key in full ({@code memory.max_batch must be a whole number, was "ten"}).
 */
package io.aiox.config;
