// React 18 comes from its UMD build (a classic <script> before the modules sets window.React), so
// the explorer needs no bundler. `h` is createElement: h('div', { className }, ...children).
const React = window.React;
export const ReactDOM = window.ReactDOM;
export const h = React.createElement;
export const { Fragment, useState, useEffect, useMemo, useRef, useCallback, useReducer } = React;
