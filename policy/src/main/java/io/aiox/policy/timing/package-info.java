/** Timing shared by the turn's path: deadlines kept without a timer per turn. */
package io.aiox.policy.timing;
