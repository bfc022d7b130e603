/** placeholder */
package org.parley.bench;
