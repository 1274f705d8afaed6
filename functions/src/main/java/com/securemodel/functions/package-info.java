/** Secure Model Service module. */
package com.securemodel.functions;
