/** What each owner used of their token quota today and in the current minute. */
package io.aiox.schema.quota;
