/** Secure Model Service module. */
package com.securemodel.bench;
