'use client'

export { ErrorPanel as default } from '../components/error-panel'
