/** Secure Model Service module. */
package com.securemodel.localstack;
